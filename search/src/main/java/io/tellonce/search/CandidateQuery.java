package io.tellonce.search;

import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.List;
import java.util.Optional;

/**
 * The query behind fuzzy matching's candidate generation: the tenant's profiles that share at least
 * one blocking key with the probe, scored by how many they share. Each key is a constant-score
 * clause worth 1, so the score is the count of shared keys (no term-frequency or length effects),
 * which is the ranking the in-memory {@code CandidateIndex} of the matching report uses.
 *
 * @param excludeProfileId the probe's own profile, never its own candidate
 */
public record CandidateQuery(String tenant, List<String> keys, Optional<String> excludeProfileId, int size) {

    public CandidateQuery {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a candidate query needs at least one key");
        }
    }

    public Query query() {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        bool.filter(f -> f.term(t -> t.field("tenant").value(tenant)));
        excludeProfileId.ifPresent(id -> bool.mustNot(m -> m.term(t -> t.field("profile_id").value(id))));
        for (String key : keys) {
            bool.should(s -> s.constantScore(c -> c.filter(f -> f.term(t -> t.field("match_keys").value(key)))
                    .boost(1f)));
        }
        return bool.minimumShouldMatch("1").build()._toQuery();
    }
}
