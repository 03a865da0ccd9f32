package io.tellonce.bench.scenario;

import java.util.List;

/**
 * Every scenario of the benchmark, with the DESIGN.md target it is judged by. To add one: write its
 * operation (a few lines against {@link ScenarioContext#service()}) and register it here with its
 * baseline and target; see docs/benchmarks.md, "Adding a scenario".
 */
public final class StandardScenarios {
    private StandardScenarios() {
    }

    public static ScenarioRegistry registry(String keyspace, String tenant) {
        return new ScenarioRegistry(List.of(
                Scenario.baseline("raw-profile-by-identifier", "the reads of GetProfile by identifier, straight through"
                        + " the driver (owner, node head, cluster, member nodes)",
                        context -> RawOperations.profileByIdentifier(context, rawOf(context, keyspace, tenant))),
                Scenario.baseline("raw-profile-by-id", "the reads of GetProfile by profile id (node head, cluster,"
                        + " member nodes)", context -> RawOperations.profileById(context, rawOf(context, keyspace, tenant))),
                Scenario.baseline("raw-context-like", "4 parallel single-partition reads per operation (DESIGN.md's"
                        + " context-like reference)", context -> RawOperations.contextLike(context, rawOf(context, keyspace, tenant))),
                Scenario.baseline("raw-claim", "one INSERT ... IF NOT EXISTS of a new identifier (a lightweight"
                        + " transaction) into a scratch copy of identifier_owner",
                        context -> RawOperations.claim(rawOf(context, keyspace, tenant))),
                Scenario.service("get-profile-by-identifier", "GetProfile by a random identifier of a random seeded"
                        + " person", "raw-profile-by-identifier",
                        Target.throughput("GetProfile by any identifier >= 10,000/s", 10_000),
                        ServiceOperations::profileByIdentifier),
                Scenario.service("get-profile-by-id", "GetProfile by the profile id of a random seeded person",
                        "raw-profile-by-id", Target.throughput("GetProfile by any identifier >= 10,000/s", 10_000),
                        ServiceOperations::profileById),
                Scenario.service("resolve-existing", "Resolve of one channel's identifiers of a random seeded person"
                        + " (all known)", "raw-profile-by-identifier",
                        Target.throughput("Resolve of identifiers that exist >= 8,000/s", 8_000),
                        ServiceOperations::resolveKnown),
                Scenario.service("resolve-new", "Resolve of a new customer's e-mail and phone (creates a profile)",
                        "raw-claim", Target.throughput("Resolve creating a new profile >= 1,800/s", 1_800),
                        ServiceOperations::resolveNew)));
    }

    private static RawOperations rawOf(ScenarioContext context, String keyspace, String tenant) {
        return new RawOperations(context.cassandra(), keyspace, tenant);
    }
}
