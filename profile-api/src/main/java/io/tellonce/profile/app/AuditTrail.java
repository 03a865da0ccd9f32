package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.profile.consent.Purpose;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Records reads and changes of people's data (ADR 11). A read and its audit entry are written in
 * parallel and the read is answered only once both succeeded: no personal data leaves unaudited, at
 * no extra latency. A change is audited after it succeeded; if that write fails, the change is still
 * acknowledged (it happened) and {@link AuditRetries} keeps the entry.
 */
@Singleton
public final class AuditTrail {
    private final AuditLog log;
    private final AuditRetries retries;
    private final Clock clock;

    public AuditTrail(AuditLog log, AuditRetries retries, Clock clock) {
        this.log = log;
        this.retries = retries;
        this.clock = clock;
    }

    /** @param node the node the lookup found: the entry is kept against it */
    public <T> CompletionStage<T> read(Caller caller, String rpc, ProfileId node, Optional<Purpose> purpose,
                                       String detail, Supplier<CompletionStage<T>> read) {
        return reads(List.of(entry(caller, node, AuditEntry.Action.READ, rpc, purpose, List.of(node), detail)), read);
    }

    /** Several reads in one call (a batch of consent checks): one entry each, all stored before the answer. */
    public <T> CompletionStage<T> reads(List<AuditEntry> entries, Supplier<CompletionStage<T>> read) {
        CompletableFuture<Void> audited = log.append(entries).toCompletableFuture();
        CompletableFuture<T> answer = read.get().toCompletableFuture();
        return answer.thenCombine(audited, (value, stored) -> value);
    }

    /** Records a change that was made, one entry per profile it touched. Never fails. */
    public <T> CompletionStage<T> changed(T result, Caller caller, String rpc, List<ProfileId> profiles, String detail) {
        List<AuditEntry> entries = profiles.stream().distinct()
                .map(profile -> entry(caller, profile, AuditEntry.Action.CHANGE, rpc, Optional.empty(), profiles, detail))
                .toList();
        return log.append(entries).handle((stored, failure) -> {
            if (failure != null) {
                retries.retry(entries, failure);
            }
            return result;
        });
    }

    public AuditEntry entry(Caller caller, ProfileId node, AuditEntry.Action action, String rpc,
                            Optional<Purpose> purpose, List<ProfileId> profiles, String detail) {
        return new AuditEntry(UUID.randomUUID(), caller, node, clock.instant(), action, rpc, purpose, profiles, detail);
    }
}
