package io.tellonce.matching.report;

import io.tellonce.matching.PersonField;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which columns of a labelled CSV hold what: the true entity (same value, same person), optionally
 * a record id (the row number otherwise), and the column of each person field the file has. This is
 * what lets the report run on a file the project has never seen.
 */
public record LabelledColumns(String truth, Optional<String> id, Map<PersonField, String> fields) {

    public LabelledColumns {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(id, "id");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("map at least one person field to a column");
        }
        fields = Collections.unmodifiableMap(new EnumMap<>(fields));
    }

    /**
     * Reads a mapping written as {@code given_name=first_name,family_name=surname,...}: person field
     * names (as FindMatches explanations spell them) to column names.
     */
    public static Map<PersonField, String> parseFields(String mapping) {
        Map<PersonField, String> fields = new EnumMap<>(PersonField.class);
        for (String pair : mapping.split(",")) {
            String[] sides = pair.split("=", 2);
            if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
                throw new IllegalArgumentException("'" + pair + "' is not field=column");
            }
            try {
                fields.put(PersonField.valueOf(sides[0].strip().toUpperCase(Locale.ROOT)), sides[1].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + sides[0].strip() + "' is not a person field; one of "
                        + java.util.Arrays.stream(PersonField.values())
                        .map(f -> f.name().toLowerCase(Locale.ROOT)).toList(), e);
            }
        }
        return fields;
    }
}
