package io.tellonce.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts per label (a status code, an outcome), incremented from many threads. */
public final class LabelCounts {
    private final ConcurrentMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void increment(String label) {
        counts.computeIfAbsent(label, key -> new LongAdder()).increment();
    }

    /** The counts so far, sorted by label. */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((label, adder) -> snapshot.put(label, adder.sum()));
        return snapshot;
    }
}
