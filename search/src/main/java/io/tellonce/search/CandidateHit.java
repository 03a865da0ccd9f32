package io.tellonce.search;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A profile found by fuzzy matching's candidate query, with the fields it is scored on as the index
 * holds them.
 *
 * @param matchRecord field name to value; empty when the document was written before the index
 *                    kept them (profile index version 3), and the profile must be read to be scored
 */
public record CandidateHit(String profileId, Optional<Map<String, String>> matchRecord) {
    public CandidateHit {
        Objects.requireNonNull(profileId, "profileId");
        matchRecord = matchRecord.map(Map::copyOf);
    }
}
