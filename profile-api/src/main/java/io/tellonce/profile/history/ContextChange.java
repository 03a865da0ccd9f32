package io.tellonce.profile.history;

import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.util.Optional;

/**
 * A change in a watched person's context.
 *
 * @param profile the person's current profile id (the survivor after a merge)
 */
public record ContextChange(ProfileChange.Kind kind, ProfileId profile, Optional<Interaction> interaction,
                            Optional<CustomerCase> aCase, String detail, Instant at) {
}
