package io.tellonce.search;

import java.util.List;

/**
 * One profile that matched a search.
 *
 * @param matched        what matched: the names of {@link ProfileQuery}'s clauses
 * @param nameHighlights the matched names with the matching parts in {@code <em>}
 */
public record ProfileHit(String profileId, double score, List<String> matched, List<String> nameHighlights) {
    public ProfileHit {
        matched = List.copyOf(matched);
        nameHighlights = List.copyOf(nameHighlights);
    }
}
