package io.tellonce.matching;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** A person record ready for comparison: every present field prepared as a {@link FieldValue}. */
public record MatchRecord(String id, Map<PersonField, FieldValue> fields) {

    public MatchRecord {
        EnumMap<PersonField, FieldValue> copy = new EnumMap<>(PersonField.class);
        copy.putAll(fields);
        fields = Collections.unmodifiableMap(copy);
    }

    /** The field's value, or null when the record does not have it. */
    public FieldValue field(PersonField field) {
        return fields.get(field);
    }
}
