package io.tellonce.bench.scenario;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tellonce.bench.data.Observations;
import io.tellonce.bench.data.Person;
import io.tellonce.bench.load.Operation;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw-store baselines: the same Cassandra work as a service operation, straight through the driver,
 * with the service's consistency levels and timeouts, from the same process and run.
 */
final class RawOperations {
    /** The outcome of a lookup of an identifier that nobody owns. */
    static final String NOT_FOUND = "NOT_FOUND";

    private final CqlSession session;
    private final RawStatements cql;
    private final String tenant;

    RawOperations(CqlSession session, String keyspace, String tenant) {
        this.session = session;
        this.cql = new RawStatements(session, keyspace);
        this.tenant = tenant;
    }

    /** What GetProfile by identifier reads: the owner, its node's root, the root's members, each member's partition. */
    static Operation profileByIdentifier(ScenarioContext context, RawOperations raw) {
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Person person = context.people().person(random.nextInt(context.population()));
            return raw.owner(Observations.anyIdentifier(person, random)).thenCompose(owner -> owner == null
                    ? CompletableFuture.completedFuture(NOT_FOUND) : raw.profile(owner));
        };
    }

    /** What GetProfile by profile id reads: the same minus the owner. */
    static Operation profileById(ScenarioContext context, RawOperations raw) {
        SeededProfiles profiles = context.seededProfiles();
        return () -> raw.profile(profiles.pick(ThreadLocalRandom.current()).profileId());
    }

    /**
     * DESIGN.md's "context-like" reference: four single-partition reads in parallel per operation (two
     * identifier owners, the profile's node, its cluster), the shape of a whole-context read.
     */
    static Operation contextLike(ScenarioContext context, RawOperations raw) {
        SeededProfiles profiles = context.seededProfiles();
        return () -> {
            SeededProfiles.Entry entry = profiles.pick(ThreadLocalRandom.current());
            List<Identifier> identifiers = context.people().person(entry.personIndex()).identifiers();
            CompletableFuture<?>[] reads = {
                raw.read(raw.cql.selectClaim, raw.ownerKey(identifiers.get(0))),
                raw.read(raw.cql.selectClaim, raw.ownerKey(identifiers.get(identifiers.size() - 1))),
                raw.read(raw.cql.selectNode, raw.tenant, entry.profileId()),
                raw.read(raw.cql.selectCluster, raw.tenant, entry.profileId()),
            };
            return CompletableFuture.allOf(reads).thenApply(done -> null);
        };
    }

    /** One identifier claim (INSERT ... IF NOT EXISTS) of a value nobody has: the store's claim limit. */
    static Operation claim(RawOperations raw) {
        PreparedStatement probe = RawStatements.claimProbe(raw.session);
        return () -> raw.session.executeAsync(probe.bind(raw.tenant, "email", "", UUID.randomUUID() + "@fresh.example",
                        UUID.randomUUID(), "bench", Instant.now(), "raw baseline"))
                .thenApply(rs -> rs.wasApplied() ? "APPLIED" : "NOT_APPLIED");
    }

    /**
     * What search reads back from Cassandra for one page of hits: each hit's profile, in parallel. The
     * Elasticsearch query before it is not Cassandra's work and is not part of this baseline.
     */
    static Operation searchReadBack(ScenarioContext context, RawOperations raw, int hits) {
        SeededProfiles profiles = context.seededProfiles();
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            CompletableFuture<?>[] reads = new CompletableFuture<?>[hits];
            for (int i = 0; i < hits; i++) {
                reads[i] = raw.profile(profiles.pick(random).profileId()).toCompletableFuture();
            }
            return CompletableFuture.allOf(reads).thenApply(done -> null);
        };
    }

    /** The node that owns the identifier, or null when nobody does. */
    CompletionStage<UUID> owner(Identifier identifier) {
        return read(cql.selectClaim, ownerKey(identifier)).thenApply(rs -> {
            Row row = rs.one();
            return row == null ? null : row.getUuid("node_id");
        });
    }

    /**
     * The profile's member nodes as CassandraPersonNodes finds them: the node's root, and at the same
     * time the cluster of the node itself (most nodes are roots); another root's cluster only when the
     * node names one.
     */
    CompletionStage<List<UUID>> members(UUID node) {
        return located(node, cql.selectNodeHead).thenApply(Located::members);
    }

    /** The looked-up node read whole while its root is found, then the other members' partitions (CassandraProfileReader). */
    CompletionStage<String> profile(UUID node) {
        return personAndProfile(node).thenCompose(PersonRead::profile).thenApply(done -> null);
    }

    /** The members, and the read of the profile they make (the other members' partitions) under way. */
    CompletionStage<PersonRead> personAndProfile(UUID node) {
        return located(node, cql.selectNode).thenApply(found -> {
            consume(found.nodeRows());
            List<UUID> others = found.members().stream().filter(member -> !member.equals(node)).toList();
            return new PersonRead(found.members(),
                    eachOf(others, member -> read(cql.selectNode, tenant, member).thenApply(RawOperations::consume)));
        });
    }

    record PersonRead(List<UUID> members, CompletableFuture<Void> profile) {
    }

    private record Located(List<UUID> members, List<Row> nodeRows) {
    }

    private CompletionStage<Located> located(UUID node, PreparedStatement nodeRead) {
        CompletableFuture<AsyncResultSet> guessedCluster = read(cql.selectCluster, tenant, node);
        return read(nodeRead, tenant, node).thenCompose(read -> {
            List<Row> rows = new ArrayList<>();
            read.currentPage().forEach(rows::add);
            UUID root = rows.get(0).getUuid("root_id");
            CompletableFuture<AsyncResultSet> cluster = root.equals(node) ? guessedCluster
                    : read(cql.selectCluster, tenant, root);
            return cluster.thenApply(members -> {
                List<UUID> ids = new ArrayList<>();
                for (Row row : members.currentPage()) {
                    ids.add(row.getUuid("member_id"));
                }
                return new Located(ids, rows);
            });
        });
    }

    /** One read per item, all at once; completes when all have answered. */
    static <T> CompletableFuture<Void> eachOf(List<T> items, java.util.function.Function<T, CompletionStage<?>> read) {
        return CompletableFuture.allOf(items.stream().map(item -> read.apply(item).toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    CqlSession session() {
        return session;
    }

    String tenant() {
        return tenant;
    }

    private Object[] ownerKey(Identifier identifier) {
        return new Object[] {tenant, storageName(identifier.getKind()), identifier.getNamespace(), identifier.getValue()};
    }

    CompletableFuture<AsyncResultSet> read(PreparedStatement statement, Object... values) {
        return session.executeAsync(statement.bind(values)).toCompletableFuture();
    }

    /** Reads every row's columns, as the service does when it builds the profile. */
    static int consume(AsyncResultSet rows) {
        return consume(rows.currentPage());
    }

    static int consume(Iterable<Row> rows) {
        int columns = 0;
        for (Row row : rows) {
            for (int i = 0; i < row.getColumnDefinitions().size(); i++) {
                columns += row.getObject(i) == null ? 0 : 1;
            }
        }
        return columns;
    }

    static String storageName(IdentifierKind kind) {
        return kind.name().substring("IDENTIFIER_KIND_".length()).toLowerCase(Locale.ROOT);
    }
}
