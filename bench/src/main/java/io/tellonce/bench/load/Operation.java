package io.tellonce.bench.load;

import java.util.concurrent.CompletionStage;

/** One request of a scenario, started without blocking; the drivers time it and count its failures. */
@FunctionalInterface
public interface Operation {
    /**
     * Starts one request. The stage completes with an outcome label worth counting (e.g. "CREATED"), or
     * null when the scenario has none, and fails with whatever the call failed with.
     */
    CompletionStage<String> start();
}
