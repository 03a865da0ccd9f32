package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.Survivorship;
import io.tellonce.identity.Survivorship.Candidate;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.ProfileReader;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.profile.app.ProfileView.ListedIdentifier;
import io.tellonce.profile.history.Person;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads a profile: any of its ids (current or absorbed) leads to its root and members
 * ({@link CassandraPersonNodes}), whose partitions are read in parallel and combined; per attribute,
 * the most recently observed value wins.
 */
@Singleton
final class CassandraProfileReader implements ProfileReader {
    private final CqlSession session;
    private final GraphStatements cql;
    private final CassandraPersonNodes persons;
    private final Survivorship survivorship;

    CassandraProfileReader(CqlSession session, GraphStatements cql, CassandraPersonNodes persons,
                           Survivorship survivorship) {
        this.session = session;
        this.cql = cql;
        this.persons = persons;
        this.survivorship = survivorship;
    }

    @Override
    public CompletionStage<Optional<ProfileView>> profile(TenantId tenant, ProfileId profile) {
        return personAndProfile(tenant, profile).thenCompose(found -> found.isEmpty()
                ? CompletableFuture.completedFuture(Optional.empty())
                : found.get().profile().thenApply(Optional::of));
    }

    @Override
    public CompletionStage<Optional<PersonProfile>> personAndProfile(TenantId tenant, ProfileId anyId) {
        // The looked-up node is read whole while its root is found: usually it is the only member.
        return persons.locate(tenant, anyId, cql.selectNode).thenApply(found -> found.map(located ->
                new PersonProfile(located.person(),
                        read(tenant, located.person(), Map.of(located.node(), located.nodeRows())))));
    }

    @Override
    public CompletionStage<ProfileView> profile(TenantId tenant, Person person) {
        return read(tenant, person, Map.of());
    }

    /** Reads the members not already read, in parallel, and folds all of them. */
    private CompletionStage<ProfileView> read(TenantId tenant, Person person, Map<ProfileId, List<Row>> alreadyRead) {
        List<CompletableFuture<List<Row>>> reads = person.nodes().stream()
                .map(member -> alreadyRead.containsKey(member)
                        ? CompletableFuture.completedFuture(alreadyRead.get(member))
                        : session.executeAsync(cql.selectNode.bind(tenant.value(), member.value()))
                                .thenApply(CassandraPersonNodes::rows).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Combined combined = new Combined();
            reads.forEach(read -> combined.add(read.join()));
            return combined.view(person.profile(), survivorship);
        });
    }

    /** The members' rows folded into one profile. */
    private static final class Combined {
        private final List<ListedIdentifier> identifiers = new ArrayList<>();
        private final Map<String, Map<String, Candidate>> candidates = new HashMap<>();
        private Instant createdAt;
        private Instant updatedAt;

        /** One node's partition: its static columns (on every row, the same) once, then its identifiers. */
        void add(List<Row> node) {
            if (node.isEmpty()) {
                return;
            }
            addStatics(node.get(0));
            node.forEach(this::addIdentifier);
        }

        private void addStatics(Row row) {
            createdAt = earliest(createdAt, row.getInstant("created_at"));
            updatedAt = latest(updatedAt, row.getInstant("updated_at"));
            Map<String, String> values = row.get("attributes", CqlTypes.TEXT_TO_TEXT);
            Map<String, Instant> times = row.get("attribute_observed", CqlTypes.TEXT_TO_TIMESTAMP);
            values.forEach((key, value) -> {
                AttributeKey attribute = AttributeKey.parse(key);
                Candidate candidate = new Candidate(value, times.getOrDefault(key, Instant.EPOCH), attribute.sourceSystem());
                // Nodes of one profile may each hold the same source's value: keep that source's latest.
                candidates.computeIfAbsent(attribute.name(), name -> new HashMap<>())
                        .merge(attribute.sourceSystem(), candidate,
                                (a, b) -> a.observedAt().isAfter(b.observedAt()) ? a : b);
            });
        }

        private void addIdentifier(Row row) {
            String kind = row.getString("kind");
            if (kind != null) {
                IdentifierKind.fromStorageName(kind).ifPresent(k -> identifiers.add(new ListedIdentifier(
                        new Identifier(k, row.getString("namespace"), row.getString("value")),
                        row.getString("source_system"), row.getInstant("first_seen_at"),
                        row.getString("evidence") == null ? "" : row.getString("evidence"))));
            }
        }

        ProfileView view(ProfileId root, Survivorship survivorship) {
            Map<String, String> attributes = new HashMap<>();
            candidates.forEach((name, bySource) -> survivorship.choose(name, bySource.values())
                    .ifPresent(chosen -> attributes.put(name, chosen.value())));
            return new ProfileView(root, identifiers.stream().distinct().toList(), attributes, createdAt, updatedAt);
        }

        private static Instant earliest(Instant a, Instant b) {
            return a == null ? b : b == null || a.isBefore(b) ? a : b;
        }

        private static Instant latest(Instant a, Instant b) {
            return a == null ? b : b == null || a.isAfter(b) ? a : b;
        }
    }
}
