package io.tellonce.bench.data;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One thing seeding does for each person, through the public API: resolve their CRM record, record
 * their conversations and cases, set their consent. The stage completes with one outcome label per
 * call the step made for the person (e.g. "CREATED"; none when the person has nothing of this kind),
 * which is how seeding counts calls. Steps must be idempotent (use idempotency keys derived from the
 * seed and the person), so that seeding again is harmless, and a retry of a whole step is too.
 */
public record SeedStep(String name, Function<Person, CompletionStage<List<String>>> call) {
}
