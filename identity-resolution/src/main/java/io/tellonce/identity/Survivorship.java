package io.tellonce.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which of the values that sources reported for an attribute the profile shows. By default the most
 * recently observed; for the attributes named in {@code bySource}, the value from the
 * highest-ranked source in {@code sourcePriority} (sources not listed rank last), the most recent
 * among equals. An attribute name ending in {@code .} names a group, e.g. {@code address.}.
 */
public record Survivorship(List<String> sourcePriority, Set<String> bySource) {

    /** One source's latest value for an attribute. */
    public record Candidate(String value, Instant observedAt, String sourceSystem) {
    }

    public Survivorship {
        sourcePriority = List.copyOf(sourcePriority);
        bySource = Set.copyOf(bySource);
    }

    public static Survivorship mostRecent() {
        return new Survivorship(List.of(), Set.of());
    }

    public Optional<Candidate> choose(String attribute, Collection<Candidate> candidates) {
        Comparator<Candidate> latest = Comparator.comparing(Candidate::observedAt);
        Comparator<Candidate> order = rankedBySource(attribute)
                ? Comparator.comparing((Candidate c) -> -rank(c.sourceSystem())).thenComparing(latest)
                : latest;
        return candidates.stream().max(order);
    }

    private boolean rankedBySource(String attribute) {
        return bySource.stream().anyMatch(name -> name.endsWith(".") ? attribute.startsWith(name) : attribute.equals(name));
    }

    private int rank(String source) {
        int index = sourcePriority.indexOf(source);
        return index < 0 ? sourcePriority.size() : index;
    }
}
