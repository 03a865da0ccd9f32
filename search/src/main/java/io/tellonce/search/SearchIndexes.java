package io.tellonce.search;

import java.util.List;
import java.util.Optional;

/**
 * The indexes tellonce keeps, each at its current version. Bump a version to change a mapping.
 * Profiles v3 added {@code match_keys} (fuzzy matching's blocking keys), v4 {@code match_record} (the
 * fields fuzzy matching scores, kept but not indexed). A change to what documents hold under the same
 * mapping bumps the version too, so that a {@code Reindex} rewrites them: profiles v5 and interactions
 * v2 have the v4 and v1 mappings, with text folded by {@code TextFolding} (ß → ss, ł → l, ø → o, case
 * folded rather than lower-cased), and the blocking keys made from it.
 */
public final class SearchIndexes {
    public static final IndexDefinition PROFILES = IndexDefinition.load("profiles", 5);
    public static final IndexDefinition INTERACTIONS = IndexDefinition.load("interactions", 2);

    public static final List<IndexDefinition> CURRENT = List.of(PROFILES, INTERACTIONS);

    private SearchIndexes() {
    }

    /** The current definition of the index with this name ({@code profiles}, {@code interactions}). */
    public static Optional<IndexDefinition> named(String name) {
        return CURRENT.stream().filter(definition -> definition.name().equals(name)).findFirst();
    }
}
