package io.tellonce.search;

import java.util.List;

/**
 * The indexes tellonce keeps, each at its current version. Bump a version to change a mapping.
 * Profiles v3 added {@code match_keys} (fuzzy matching's blocking keys).
 */
public final class SearchIndexes {
    public static final IndexDefinition PROFILES = IndexDefinition.load("profiles", 3);

    public static final List<IndexDefinition> CURRENT = List.of(PROFILES);

    private SearchIndexes() {
    }
}
