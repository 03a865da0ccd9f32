package io.tellonce.bench.data;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One thing seeding does for each person, through the public API: resolve their CRM record today;
 * record their interactions, cases and consent once those services exist. The stage completes with
 * an outcome label worth counting (e.g. "CREATED"). Steps must be idempotent (use idempotency keys
 * derived from the seed and the person), so that seeding again is harmless.
 */
public record SeedStep(String name, Function<Person, CompletionStage<String>> call) {
}
