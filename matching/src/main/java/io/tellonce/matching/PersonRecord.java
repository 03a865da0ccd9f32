package io.tellonce.matching;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one source knew about one person, as it was given. Blank values are dropped: "missing" is a
 * comparison level of its own and must never look like an empty string that matches another.
 */
public record PersonRecord(String id, Map<PersonField, String> values) {

    public PersonRecord {
        Objects.requireNonNull(id, "id");
        EnumMap<PersonField, String> kept = new EnumMap<>(PersonField.class);
        values.forEach((field, value) -> {
            if (value != null && !value.isBlank()) {
                kept.put(field, value.strip());
            }
        });
        values = Collections.unmodifiableMap(kept);
    }

    public Optional<String> value(PersonField field) {
        return Optional.ofNullable(values.get(field));
    }
}
