package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What an erasure removed: ids and counts only, so it can outlive the person (ADR 14).
 *
 * @param profile     the profile erased, by the id it had when the erasure began
 * @param nodes       every identity node erased
 * @param removed     records removed per kind, counted before the first delete
 * @param suppressed  how many identifier hashes the suppression record keeps
 * @param completedAt empty while the erasure is unfinished (a crash interrupted it)
 */
public record ErasureReceipt(UUID erasureId, ProfileId profile, List<ProfileId> nodes, Map<String, Long> removed,
                             int suppressed, String actor, String reason, Instant requestedAt,
                             Optional<Instant> completedAt) {
    public ErasureReceipt {
        Objects.requireNonNull(erasureId, "erasureId");
        Objects.requireNonNull(profile, "profile");
        nodes = List.copyOf(nodes);
        removed = Map.copyOf(removed);
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(completedAt, "completedAt");
    }

    public boolean complete() {
        return completedAt.isPresent();
    }

    public ErasureReceipt completedAt(Instant at) {
        return new ErasureReceipt(erasureId, profile, nodes, removed, suppressed, actor, reason, requestedAt,
                Optional.of(at));
    }

    /**
     * The receipt counting, of each kind, the most that any pass found: the count taken before the
     * nodes were marked can miss a write acknowledged just before the mark, which the removal's own
     * survey (after the mark) finds.
     */
    public ErasureReceipt countingAtLeast(Map<String, Long> found) {
        Map<String, Long> most = new java.util.LinkedHashMap<>(removed);
        found.forEach((kind, count) -> most.merge(kind, count, Math::max));
        return new ErasureReceipt(erasureId, profile, nodes, most, suppressed, actor, reason, requestedAt, completedAt);
    }

    /** The same erasure over more nodes (a retry that found nodes the first attempt did not know yet). */
    public ErasureReceipt withNodes(List<ProfileId> more) {
        List<ProfileId> all = java.util.stream.Stream.concat(nodes.stream(), more.stream()).distinct().toList();
        return new ErasureReceipt(erasureId, profile, all, removed, suppressed, actor, reason, requestedAt, completedAt);
    }
}
