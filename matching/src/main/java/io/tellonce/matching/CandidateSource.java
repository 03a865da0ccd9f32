package io.tellonce.matching;

import java.util.List;

/**
 * Where candidates come from: the in-memory {@link CandidateIndex} for batch runs and the report,
 * the profile index in the service. Both look records up by the same {@link BlockingKeys}.
 */
public interface CandidateSource {

    /** At most {@code limit} records that share blocking keys with the probe, never the probe itself. */
    List<MatchRecord> candidates(MatchRecord probe, int limit);
}
