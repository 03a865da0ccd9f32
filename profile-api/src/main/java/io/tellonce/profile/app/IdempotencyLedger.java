package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Remembers the first answer to each idempotency key. */
public interface IdempotencyLedger {
    CompletionStage<Optional<RememberedResponse>> find(TenantId tenant, String operation, String key);

    /**
     * Stores the answer unless one is stored already, atomically.
     *
     * @param subjects the profiles (nodes) the answer names: an erasure of one of them deletes the answer
     * @return the answer stored afterwards: this one, or the one that got there first
     */
    CompletionStage<RememberedResponse> remember(TenantId tenant, String operation, String key,
                                                 RememberedResponse response, List<ProfileId> subjects);
}
