package io.tellonce.profile.cassandra;

/**
 * Attributes are kept per source and name, so that every source's latest value survives for the
 * survivorship rules to choose from: the map key is the source, a unit separator, and the name.
 */
record AttributeKey(String sourceSystem, String name) {
    static final char SEPARATOR = '\u001f';

    static String of(String sourceSystem, String name) {
        return sourceSystem + SEPARATOR + name;
    }

    static AttributeKey parse(String key) {
        int separator = key.indexOf(SEPARATOR);
        return separator < 0 ? new AttributeKey("", key)
                : new AttributeKey(key.substring(0, separator), key.substring(separator + 1));
    }
}
