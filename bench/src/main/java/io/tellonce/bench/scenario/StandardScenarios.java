package io.tellonce.bench.scenario;

import io.tellonce.bench.data.ConsentGenerator;
import io.tellonce.bench.data.InteractionGenerator;
import java.util.List;

/**
 * Every scenario of the benchmark, with the DESIGN.md target it is judged by. To add one: write its
 * operation (a few lines against {@link ScenarioContext#service()}) and register it here with its
 * baseline and target; see docs/benchmarks.md, "Adding a scenario".
 */
public final class StandardScenarios {
    /** Checks per BatchCheckConsent call: DESIGN.md states the consent target per batch of 100. */
    static final int CONSENT_BATCH = 100;
    /** A typeahead list shows ten people. */
    static final int TYPEAHEAD_PAGE = 10;
    /** Searches per second of the typeahead scenario: agents typing, far below the service's capacity. */
    static final double TYPEAHEAD_RATE = 100;
    /** FindMatches per second: new observations matched inline, far below the service's capacity. */
    static final double FIND_MATCHES_RATE = 50;
    /** New people per second of the index-lag scenario: few, so that its polls stay a small load. */
    static final double INDEX_LAG_RATE = 4;

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
                        ServiceOperations::resolveNew),
                Scenario.baseline("raw-customer-context", "the Cassandra work of GetCustomerContext by identifier,"
                        + " statement for statement (owner; then at once audit entry, profile, history, cases, consent)",
                        context -> RawContextReads.customerContext(context, contextReadsOf(context, keyspace, tenant))),
                contextScenario,
                contextScenario.atRate("get-customer-context-p99", 3_000,
                        Target.latency("GetCustomerContext p99 <= 10 ms at 3,000/s", 3_000, 10)),
                Scenario.baseline("raw-consent-checks", "the Cassandra work of BatchCheckConsent of " + CONSENT_BATCH
                        + " checks (" + ConsentGenerator.peoplePerBatch(CONSENT_BATCH) + " people: owner, members,"
                        + " current answers; then an audit entry each)",
                        context -> RawConsentReads.batchCheck(context, rawOf(context, keyspace, tenant),
                                contextReadsOf(context, keyspace, tenant), CONSENT_BATCH))
                        .inBatchesOf(CONSENT_BATCH, "checks"),
                consentScenario,
                consentScenario.atRate("batch-check-consent-p99", 300,
                        Target.latency("consent p99 <= 5 ms per batch of 100 at 30,000 decisions/s", 300, 5)),
                Scenario.baseline("raw-record-interaction", "the Cassandra work of RecordInteraction by profile id"
                        + " (members, then one logged batch of 4 rows into scratch tables)",
                        context -> RawHistoryWrites.recordInteraction(context, rawOf(context, keyspace, tenant),
                                new HistoryStatements(context.cassandra(), keyspace), liveInteractions(context))),
                Scenario.service("record-interaction", "RecordInteraction of a conversation with a seeded person,"
                        + " by profile id", "raw-record-interaction",
                        Target.throughput("RecordInteraction >= 5,000/s", 5_000),
                        context -> ServiceOperations.recordInteraction(context, liveInteractions(context))),
                Scenario.baseline("raw-search-readback", "the Cassandra part of SearchProfiles: " + TYPEAHEAD_PAGE
                        + " hits' profiles read back in parallel (not the Elasticsearch query)",
                        context -> RawOperations.searchReadBack(context, rawOf(context, keyspace, tenant), TYPEAHEAD_PAGE)),
                Scenario.service("search-profiles", "SearchProfiles typeahead (name prefixes, names with a typo, phone"
                        + " endings, e-mail prefixes of seeded people), " + TYPEAHEAD_PAGE + " hits a page",
                        "raw-search-readback", Target.latency("typeahead p99 <= 50 ms (DESIGN.md: over 1M profiles)",
                                TYPEAHEAD_RATE, 50),
                        context -> ServiceOperations.searchProfiles(context, TYPEAHEAD_PAGE))
                        .atRate("search-profiles", TYPEAHEAD_RATE, Target.latency(
                                "typeahead p99 <= 50 ms (DESIGN.md: over 1M profiles)", TYPEAHEAD_RATE, 50)),
                Scenario.service("find-matches", "FindMatches for a seeded person's attributes with one or two"
                        + " slips (a name typo, day and month swapped, no postcode or address line) and no identifier",
                        "raw-search-readback", findMatchesTarget(), ServiceOperations::findMatches)
                        .atRate("find-matches", FIND_MATCHES_RATE, findMatchesTarget()),
                Scenario.withoutBaseline("index-lag", "time from a write of a new person (Resolve or RecordInteraction)"
                        + " to the first search that finds them, polled every " + IndexLagProbe.POLL.toMillis() + " ms",
                        Target.latency("change visible in search p99 <= 2 s", INDEX_LAG_RATE, 2_000),
                        IndexLagProbe::indexLag)
                        .atRate("index-lag", INDEX_LAG_RATE,
                                Target.latency("change visible in search p99 <= 2 s", INDEX_LAG_RATE, 2_000))));
    }

    private static final Scenario contextScenario = Scenario.service("get-customer-context",
            "GetCustomerContext by a random identifier of a random seeded person", "raw-customer-context",
            Target.throughput("GetCustomerContext >= 6,000/s", 6_000), ServiceOperations::customerContext);

    private static final Scenario consentScenario = Scenario.service("batch-check-consent", "BatchCheckConsent of "
                    + CONSENT_BATCH + " checks: " + ConsentGenerator.peoplePerBatch(CONSENT_BATCH)
                    + " random seeded people x 4 purposes and channels", "raw-consent-checks",
            Target.throughput("consent decisions >= 30,000/s (300 batches of 100)", 300),
            context -> ServiceOperations.batchCheckConsent(context, CONSENT_BATCH))
            .inBatchesOf(CONSENT_BATCH, "checks");

    private static Target findMatchesTarget() {
        return Target.latency("fuzzy candidate matching per record p99 <= 50 ms", FIND_MATCHES_RATE, 50);
    }

    private static RawContextReads contextReadsOf(ScenarioContext context, String keyspace, String tenant) {
        return new RawContextReads(rawOf(context, keyspace, tenant), new HistoryStatements(context.cassandra(), keyspace));
    }

    /** Conversations of the live scenarios: every seeded person may have them, whatever the seeding shares. */
    private static InteractionGenerator liveInteractions(ScenarioContext context) {
        return new InteractionGenerator(context.runNonce(), 1.0);
    }

    private static RawOperations rawOf(ScenarioContext context, String keyspace, String tenant) {
        return new RawOperations(context.cassandra(), keyspace, tenant);
    }
}
