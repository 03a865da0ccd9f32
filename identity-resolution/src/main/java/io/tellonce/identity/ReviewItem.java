package io.tellonce.identity;

import java.time.Instant;
import java.util.List;

/**
 * A decision the policy leaves to a person: profiles that an observation connects but that may not
 * be one person, with the evidence.
 */
public record ReviewItem(List<ProfileId> profiles, String reason, String evidence, String sourceSystem,
                         Instant observedAt) {
    public ReviewItem {
        profiles = List.copyOf(profiles);
    }
}
