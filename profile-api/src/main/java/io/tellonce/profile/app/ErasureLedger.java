package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** What is kept of erased people: a receipt per node and salted hashes of their identifiers (ADR 14). */
public interface ErasureLedger {

    /** The erasure (finished or not) that a node was part of. */
    CompletionStage<Optional<ErasureReceipt>> ofNode(TenantId tenant, ProfileId node);

    /** The suppression records among these identifier hashes, by hash. */
    CompletionStage<Map<String, Suppression>> suppressed(TenantId tenant, Collection<String> hashes);

    /** Marks every node of the receipt as being erased and records the hashes, atomically, before any delete. */
    CompletionStage<Void> begin(TenantId tenant, ErasureReceipt receipt, List<String> hashes);

    /** Marks the erasure finished and publishes the removal of its nodes to the change log, atomically. */
    CompletionStage<Void> complete(TenantId tenant, ErasureReceipt receipt);

    /** Flags a profile that received an identifier of an erased person. */
    CompletionStage<Void> flagReappearance(TenantId tenant, ProfileId node, Collection<UUID> erasures);

    /**
     * One node of each erasure that was begun and not completed, read by paging through every
     * receipt: for the background sweep only, which runs every few minutes (erasures are rare: one
     * row per erased node), never on a request path. Blocking.
     */
    List<Unfinished> unfinished();

    /** An erasure begun at {@code requestedAt} and not completed; {@code node} leads to its receipt. */
    record Unfinished(TenantId tenant, ProfileId node, UUID erasureId, Instant requestedAt) {
    }

    /** @param profile the erased profile, whose receipt {@link #ofNode} finds */
    record Suppression(UUID erasureId, ProfileId profile, Instant erasedAt) {
    }
}
