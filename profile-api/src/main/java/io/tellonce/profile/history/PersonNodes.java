package io.tellonce.profile.history;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Finds the current profile and member nodes of any profile id, current or absorbed by a merge. */
public interface PersonNodes {
    CompletionStage<Optional<Person>> of(TenantId tenant, ProfileId anyId);
}
