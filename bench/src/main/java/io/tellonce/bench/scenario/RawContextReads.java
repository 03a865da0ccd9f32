package io.tellonce.bench.scenario;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.tellonce.bench.data.Observations;
import io.tellonce.bench.data.Person;
import io.tellonce.bench.load.Operation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Cassandra work of one GetCustomerContext by identifier, statement for statement as the service
 * does it (ContextEndpoint, CustomerContexts, PersonHistory, CassandraInteractionStore, Cases,
 * Consents, AuditTrail), in the same order and with the same parallelism: the owner of the
 * identifier; then at once the audit entry and the person's members (the node read whole, and its
 * cluster); then at once the other members' partitions, the history (per member its latest
 * interactions month by month, and its cases) and the consent (per member its current answers).
 */
final class RawContextReads {
    static final String GET_CONTEXT = "tellonce.v1.ContextService/GetCustomerContext";
    /** tellonce.history.default-context-interactions and context-scan-limit; ContextSignals.MONTH. */
    private static final int LATEST = 20;
    private static final int SCAN_LIMIT = 1000;
    private static final Duration MONTH = Duration.ofDays(30);
    /** tellonce.audit.retention (400 days), as the audit entry's TTL. */
    private static final int AUDIT_TTL_SECONDS = 400 * 24 * 3600;
    private static final int MAX_BUCKET = 999_912;
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59Z");

    private final RawOperations raw;
    private final HistoryStatements cql;

    RawContextReads(RawOperations raw, HistoryStatements cql) {
        this.raw = raw;
        this.cql = cql;
    }

    static Operation customerContext(ScenarioContext context, RawContextReads reads) {
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Person person = context.people().person(random.nextInt(context.population()));
            return reads.raw.owner(Observations.anyIdentifier(person, random)).thenCompose(node -> node == null
                    ? CompletableFuture.completedFuture(RawOperations.NOT_FOUND) : reads.context(node));
        };
    }

    private CompletionStage<String> context(UUID node) {
        Instant now = Instant.now();
        CompletableFuture<?> audit = audit(node, GET_CONTEXT, "customer context");
        CompletableFuture<?> rest = raw.personAndProfile(node).thenCompose(person -> CompletableFuture.allOf(
                person.profile(),
                RawOperations.eachOf(person.members(), member -> recent(member, now)),
                RawOperations.eachOf(person.members(), member -> raw.read(cql.selectNodeCases, raw.tenant(), member)
                        .thenApply(RawOperations::consume)),
                currentConsent(person.members()))).toCompletableFuture();
        return CompletableFuture.allOf(audit, rest).thenApply(done -> null);
    }

    /** Every member's current consent answers (CassandraConsentLedger.current). */
    CompletableFuture<Void> currentConsent(List<UUID> members) {
        return RawOperations.eachOf(members, member -> raw.read(cql.selectConsentCurrent, raw.tenant(), member)
                .thenApply(RawOperations::consume));
    }

    /** One audit entry of a read, as CassandraAuditLog writes it (into the scratch copy). */
    CompletableFuture<AsyncResultSet> audit(UUID node, String rpc, String detail) {
        return raw.session().executeAsync(cql.insertAudit.bind(raw.tenant(), node, LocalDate.now(ZoneOffset.UTC),
                Uuids.timeBased(), "read", rpc, "bench", "agent", "", List.of(node), detail, AUDIT_TTL_SECONDS))
                .toCompletableFuture();
    }

    /** PersonHistory.recentOfNode: the latest 20, and when all 20 are this month's, the rest of the month too. */
    private CompletionStage<Void> recent(UUID node, Instant now) {
        Instant since = now.minus(MONTH);
        return newestFirst(node, FAR_FUTURE, Instant.EPOCH, LATEST).thenCompose(latest -> {
            if (latest.size() < LATEST || latest.get(latest.size() - 1).isBefore(since)) {
                return CompletableFuture.completedFuture(null);
            }
            return newestFirst(node, latest.get(latest.size() - 1), since, SCAN_LIMIT).thenApply(more -> null);
        });
    }

    /** CassandraInteractionStore.newestFirst: the node's months, then month by month until it has enough. */
    private CompletionStage<List<Instant>> newestFirst(UUID node, Instant latest, Instant earliest, int limit) {
        return raw.read(cql.selectBuckets, raw.tenant(), node, Math.min(bucket(latest), MAX_BUCKET), bucket(earliest))
                .thenCompose(buckets -> {
                    List<Integer> months = new ArrayList<>();
                    buckets.currentPage().forEach(row -> months.add(row.getInt("bucket")));
                    return month(node, months, 0, latest, earliest, limit, new ArrayList<>());
                });
    }

    private CompletionStage<List<Instant>> month(UUID node, List<Integer> months, int month, Instant latest,
                                                 Instant earliest, int limit, List<Instant> found) {
        if (month >= months.size() || found.size() >= limit) {
            return CompletableFuture.completedFuture(found);
        }
        return raw.session().executeAsync(cql.selectInteractions.bind(raw.tenant(), node, months.get(month), latest,
                        earliest).setPageSize(Math.min(Math.max(limit + 1, 50), 1000)))
                .thenCompose(page -> rows(page, node, months, month, latest, earliest, limit, found));
    }

    private CompletionStage<List<Instant>> rows(AsyncResultSet page, UUID node, List<Integer> months, int month,
                                                Instant latest, Instant earliest, int limit, List<Instant> found) {
        for (Row row : page.currentPage()) {
            if (found.size() >= limit) {
                return CompletableFuture.completedFuture(found);
            }
            // Every column decoded, as the service decodes each row into an interaction.
            for (int i = 0; i < row.getColumnDefinitions().size(); i++) {
                row.getObject(i);
            }
            found.add(row.getInstant("occurred_at"));
        }
        if (page.hasMorePages()) {
            return page.fetchNextPage().thenCompose(more -> rows(more, node, months, month, latest, earliest, limit, found));
        }
        return month(node, months, month + 1, latest, earliest, limit, found);
    }

    static int bucket(Instant at) {
        ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
        return utc.getYear() * 100 + utc.getMonthValue();
    }
}
