package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.history.Person;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Reads profiles from storage. */
public interface ProfileReader {
    CompletionStage<Optional<ProfileView>> profile(TenantId tenant, ProfileId profile);

    /** The profile of a person whose nodes the caller has just looked up, without looking them up again. */
    CompletionStage<ProfileView> profile(TenantId tenant, Person person);

    /**
     * The person any of its node ids belongs to, with the read of its profile already under way: for a
     * caller that needs both (the customer context), the looked-up node is read once, not twice.
     */
    CompletionStage<Optional<PersonProfile>> personAndProfile(TenantId tenant, ProfileId anyId);

    /** A person and the read of their profile, which may still be in flight. */
    record PersonProfile(Person person, CompletionStage<ProfileView> profile) {
    }
}
