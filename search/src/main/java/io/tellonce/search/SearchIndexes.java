package io.tellonce.search;

import java.util.List;
import java.util.Optional;

/**
 * The indexes tellonce keeps, each at its current version. Bump a version to change a mapping.
 * Profiles v3 added {@code match_keys} (fuzzy matching's blocking keys), v4 {@code match_record} (the
 * fields fuzzy matching scores, kept but not indexed).
 */
public final class SearchIndexes {
    public static final IndexDefinition PROFILES = IndexDefinition.load("profiles", 4);
    public static final IndexDefinition INTERACTIONS = IndexDefinition.load("interactions", 1);

    public static final List<IndexDefinition> CURRENT = List.of(PROFILES, INTERACTIONS);

    private SearchIndexes() {
    }

    /** The current definition of the index with this name ({@code profiles}, {@code interactions}). */
    public static Optional<IndexDefinition> named(String name) {
        return CURRENT.stream().filter(definition -> definition.name().equals(name)).findFirst();
    }
}
