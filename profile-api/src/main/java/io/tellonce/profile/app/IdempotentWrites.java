package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs a write once per idempotency key: a retry with the same key and request gets the first answer
 * and changes nothing; the same key with a different request is refused.
 */
@Singleton
public final class IdempotentWrites {
    private final IdempotencyLedger ledger;

    public IdempotentWrites(IdempotencyLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * @param fingerprint a digest of everything in the request that matters, except the key itself
     * @param write       performs the write and serialises its answer; it must itself be safe to run
     *                    twice, because two first attempts with one key can race
     */
    public CompletionStage<byte[]> once(TenantId tenant, String operation, String key, byte[] fingerprint,
                                        Supplier<CompletionStage<Answer>> write) {
        return ledger.find(tenant, operation, key).thenCompose(found -> {
            if (found.isPresent()) {
                return CompletableFuture.completedFuture(replay(found.get(), fingerprint));
            }
            return write.get()
                    .thenCompose(answer -> ledger.remember(tenant, operation, key,
                            new RememberedResponse(fingerprint, answer.response()), answer.subjects()))
                    .thenApply(stored -> replay(stored, fingerprint));
        });
    }

    private static byte[] replay(RememberedResponse stored, byte[] fingerprint) {
        if (!Arrays.equals(stored.requestFingerprint(), fingerprint)) {
            throw new InvalidRequest("idempotency_key",
                    "was already used for a different request; use a new key for a new request");
        }
        return stored.response();
    }

    /**
     * A write's serialised answer.
     *
     * @param subjects the profiles it names, so that erasing one of them can find and delete it
     */
    public record Answer(byte[] response, List<ProfileId> subjects) {
        public Answer {
            subjects = List.copyOf(subjects);
        }
    }
}
