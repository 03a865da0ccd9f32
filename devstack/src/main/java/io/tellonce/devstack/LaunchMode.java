package io.tellonce.devstack;

/** How a store process relates to the JVM that launches it. */
public enum LaunchMode {
    /** For tests: the store is stopped by a shutdown hook when this JVM exits. */
    ATTACHED,
    /**
     * For {@code ./tellonce up}: the store keeps running after this JVM exits. It runs in its own session
     * (setsid, when available) so that a Ctrl-C or a closed terminal does not reach it.
     */
    DETACHED
}
