package io.tellonce.profile.indexing;

/** This instance no longer holds the shard it was draining: stop, another instance carries on. */
final class LeaseLost extends RuntimeException {
    LeaseLost(int shard) {
        super("the lease of change-log shard " + shard + " is no longer this instance's", null, false, false);
    }
}
