package io.tellonce.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one channel saw at one time: normalised identifiers and the attributes it knew.
 *
 * @param attributes flattened attribute name to value; only supplied values, never empty strings
 */
public record Observation(List<Identifier> identifiers, Map<String, String> attributes,
                          String sourceSystem, Instant observedAt) {
    public Observation {
        identifiers = List.copyOf(identifiers);
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(observedAt, "observedAt");
        if (identifiers.isEmpty()) {
            throw new IllegalArgumentException("an observation needs at least one identifier");
        }
    }
}
