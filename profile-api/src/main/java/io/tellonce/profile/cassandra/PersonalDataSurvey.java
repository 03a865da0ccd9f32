package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.config.AuditSettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Finds every record kept against a person's nodes (ADR 14), blocking: it runs on the cluster
 * threads, as erasure is rare and reads many small partitions.
 */
@Singleton
final class PersonalDataSurvey {
    static final List<String> REVIEW_STATUSES = List.of("open", "decided");

    private final CqlSession session;
    private final ErasureStatements cql;
    private final Clock clock;
    private final long auditDays;

    PersonalDataSurvey(CqlSession session, ErasureStatements cql, Clock clock, AuditSettings audit) {
        this.session = session;
        this.cql = cql;
        this.clock = clock;
        this.auditDays = audit.retention().toDays() + 1;
    }

    /** A node's listing of one identifier; only linkable ones were ever claimed. */
    record Listed(ProfileId node, Identifier identifier, boolean linkable) {
    }

    record Bucket(ProfileId node, int bucket) {
    }

    record Link(ProfileId node, UUID linkId, ProfileId otherNode, UUID mergeId) {
    }

    record AuditRow(ProfileId node, LocalDate day, UUID auditId) {
    }

    record Remembered(String operation, String key) {
    }

    record Review(String status, UUID itemId, List<ProfileId> profiles) {
    }

    /** Everything found, with the keys to delete it by. */
    record Survey(List<ProfileId> nodes, List<Listed> identifiers, long attributes, List<Bucket> buckets,
                  List<UUID> interactions, List<UUID> cases, long caseEvents, long consentRecords, List<Link> links,
                  List<AuditRow> auditDetails, List<Remembered> remembered, List<Review> reviews, long flags) {

        Map<String, Long> counts() {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("nodes", (long) nodes.size());
            counts.put("identifiers", (long) identifiers.size());
            counts.put("attributes", attributes);
            counts.put("interactions", (long) interactions.size());
            counts.put("cases", (long) cases.size());
            counts.put("case_events", caseEvents);
            counts.put("consent_records", consentRecords);
            counts.put("links", (long) links.size());
            counts.put("merges", links.stream().map(Link::mergeId).filter(id -> id != null).distinct().count());
            counts.put("review_items", (long) reviews.size());
            counts.put("remembered_responses", (long) remembered.size());
            counts.put("audit_details", (long) auditDetails.size());
            counts.put("reappearance_flags", flags);
            return counts;
        }
    }

    Survey of(TenantId tenant, List<ProfileId> nodes) {
        String t = tenant.value();
        List<Listed> identifiers = new ArrayList<>();
        long attributes = 0;
        List<Bucket> buckets = new ArrayList<>();
        List<UUID> interactions = new ArrayList<>();
        List<UUID> cases = new ArrayList<>();
        long caseEvents = 0;
        long consentRecords = 0;
        List<Link> links = new ArrayList<>();
        List<Remembered> remembered = new ArrayList<>();
        long flags = 0;
        for (ProfileId node : nodes) {
            for (Row row : session.execute(cql.selectNodeRows.bind(t, node.value()))) {
                listed(node, row).ifPresent(identifiers::add);
            }
            Row head = session.execute(cql.selectNodeRows.bind(t, node.value()).setPageSize(1)).one();
            attributes += head == null ? 0 : head.get("attributes", CqlTypes.TEXT_TO_TEXT).size();
            for (Row row : session.execute(cql.selectBuckets.bind(t, node.value()))) {
                Bucket bucket = new Bucket(node, row.getInt("bucket"));
                buckets.add(bucket);
                for (Row interaction : session.execute(cql.selectInteractionIds.bind(t, node.value(), bucket.bucket()))) {
                    interactions.add(interaction.getUuid("interaction_id"));
                }
            }
            for (Row row : session.execute(cql.selectNodeCases.bind(t, node.value()))) {
                UUID caseId = row.getUuid("case_id");
                cases.add(caseId);
                caseEvents += session.execute(cql.selectCaseEvents.bind(t, caseId)).all().size();
            }
            consentRecords += session.execute(cql.selectConsentRecords.bind(t, node.value())).all().size();
            for (Row row : session.execute(cql.selectLinks.bind(t, node.value()))) {
                links.add(new Link(node, row.getUuid("link_id"), new ProfileId(row.getUuid("other_node_id")),
                        row.getUuid("merge_id")));
            }
            for (Row row : session.execute(cql.selectRemembered.bind(t, node.value()))) {
                remembered.add(new Remembered(row.getString("operation"), row.getString("idempotency_key")));
            }
            flags += session.execute(cql.selectFlags.bind(t, node.value())).all().size();
        }
        List<Review> reviews = reviews(t, nodes);
        List<AuditRow> audit = new ArrayList<>(auditDetails(t, nodes, detail -> true));
        // Entries kept against the other side of an undone merge or a conflict quote this person's
        // identifiers in their explanation: those details go too, the others' own stay.
        Set<ProfileId> neighbours = new LinkedHashSet<>();
        links.forEach(link -> neighbours.add(link.otherNode()));
        reviews.forEach(review -> review.profiles().forEach(neighbours::add));
        nodes.forEach(neighbours::remove);
        List<String> values = identifiers.stream().map(listed -> listed.identifier().value().toLowerCase(Locale.ROOT))
                .distinct().toList();
        audit.addAll(auditDetails(t, List.copyOf(neighbours), detail -> values.stream()
                .anyMatch(detail.toLowerCase(Locale.ROOT)::contains)));
        return new Survey(nodes, identifiers.stream().distinct().toList(), attributes, buckets, interactions, cases,
                caseEvents, consentRecords, links, audit, remembered.stream().distinct().toList(), reviews, flags);
    }

    private static Optional<Listed> listed(ProfileId node, Row row) {
        String kind = row.getString("kind");
        if (kind == null) {
            return Optional.empty();
        }
        return IdentifierKind.fromStorageName(kind).map(k -> new Listed(node,
                new Identifier(k, row.getString("namespace"), row.getString("value")), row.getBoolean("linkable")));
    }

    /** Audit rows whose detail passes the test, over every day the retention keeps, read in parallel. */
    private List<AuditRow> auditDetails(String tenant, List<ProfileId> nodes, Predicate<String> redact) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<AuditRow> found = new ArrayList<>();
        for (ProfileId node : nodes) {
            List<LocalDate> days = new ArrayList<>();
            List<CompletableFuture<AsyncResultSet>> reads = new ArrayList<>();
            // A day ahead too: an entry written just before midnight by a clock slightly ahead.
            for (long back = -1; back <= auditDays; back++) {
                LocalDate day = today.minusDays(back);
                days.add(day);
                reads.add(session.executeAsync(cql.selectAuditDetails.bind(tenant, node.value(), day))
                        .toCompletableFuture());
            }
            for (int i = 0; i < days.size(); i++) {
                AsyncResultSet page = reads.get(i).join();
                while (true) {
                    for (Row row : page.currentPage()) {
                        if (row.getString("detail") != null && redact.test(row.getString("detail"))) {
                            found.add(new AuditRow(node, days.get(i), row.getUuid("audit_id")));
                        }
                    }
                    if (!page.hasMorePages()) {
                        break;
                    }
                    page = page.fetchNextPage().toCompletableFuture().join();
                }
            }
        }
        return found;
    }

    private List<Review> reviews(String tenant, List<ProfileId> nodes) {
        Set<UUID> ids = new LinkedHashSet<>(nodes.stream().map(ProfileId::value).toList());
        List<Review> found = new ArrayList<>();
        for (String status : REVIEW_STATUSES) {
            for (Row row : session.execute(cql.selectReviewItems.bind(tenant, status))) {
                if (row.get("profile_ids", CqlTypes.UUIDS).stream().anyMatch(ids::contains)) {
                    found.add(new Review(status, row.getUuid("item_id"), row.get("profile_ids", CqlTypes.UUIDS)
                            .stream().map(ProfileId::new).toList()));
                }
            }
        }
        return found;
    }
}
