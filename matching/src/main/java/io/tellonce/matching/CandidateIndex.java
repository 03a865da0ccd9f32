package io.tellonce.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory inverted index from blocking key to records, for batch runs and the matching report.
 * It answers the way the profile index answers a terms query on the keys: the records that share
 * the most keys with the probe first, at most {@code limit} of them.
 */
public final class CandidateIndex implements CandidateSource {
    private final BlockingKeys blockingKeys;
    private final Map<String, List<MatchRecord>> byKey = new HashMap<>();

    public CandidateIndex(BlockingKeys blockingKeys) {
        this.blockingKeys = blockingKeys;
    }

    public void add(MatchRecord record) {
        for (String key : blockingKeys.keys(record)) {
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
        }
    }

    /** The candidates for this record (never the record itself), most shared keys first. */
    @Override
    public List<MatchRecord> candidates(MatchRecord probe, int limit) {
        // By identity: records are only ever added once, and hashing a whole record is slow.
        Map<MatchRecord, Integer> shared = new IdentityHashMap<>();
        Set<String> keys = blockingKeys.keys(probe);
        for (String key : keys) {
            for (MatchRecord record : byKey.getOrDefault(key, List.of())) {
                if (!record.id().equals(probe.id())) {
                    shared.merge(record, 1, Integer::sum);
                }
            }
        }
        return shared.entrySet().stream()
                .sorted(Map.Entry.<MatchRecord, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(entry -> entry.getKey().id()))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }
}
