package io.tellonce.profile.indexing;

/**
 * A drain's hold on its shard, asked before every read and every batch of a drain: a drain can last
 * longer than the lease (a long backlog after an outage), so it is renewed while the drain works,
 * and the drain stops as soon as it is lost (ADR 21).
 */
interface ShardLease {
    /**
     * Returns while this instance still holds the shard, renewing the lease when it is due.
     *
     * @throws LeaseLost when the shard is no longer this instance's
     */
    void keep();

    /** The lease of a shard that nobody else can take (tests of the drain's bookkeeping). */
    ShardLease HELD = () -> {
    };
}
