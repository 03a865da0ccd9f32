package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Deletes what a survey found, in steps that a retry can always finish (ADR 14): each step deletes
 * records found through others before the records that lead to them (interaction_by_id before the
 * interactions, the interactions before their bucket list, the cases before node_case, ...), and the
 * nodes themselves go last, the root after the other nodes, so that until the end some id of the
 * person still leads to the erasure mark and to what is left. Blocking, on the cluster threads.
 */
@Singleton
final class PersonalDataRemoval {
    /** Beyond any write timestamp the service accepts (callers' times up to five minutes ahead). */
    private static final Duration AHEAD_OF_ACCEPTED_WRITES = Duration.ofHours(1);

    private final CqlSession session;
    private final ErasureStatements cql;
    private final ChangeFeed feed;
    private final Clock clock;

    PersonalDataRemoval(CqlSession session, ErasureStatements cql, ChangeFeed feed, Clock clock) {
        this.session = session;
        this.cql = cql;
        this.feed = feed;
        this.clock = clock;
    }

    void remove(TenantId tenant, PersonalDataSurvey.Survey survey) {
        String t = tenant.value();
        long ahead = aheadOfAcceptedWrites(clock);
        List<ProfileId> nodes = survey.nodes();
        // Remembered answers quote identifiers and explanations; their index goes after them.
        all(survey.remembered().stream().map(r -> cql.deleteRemembered.bind(t, r.operation(), r.key())));
        all(nodes.stream().map(node -> cql.deleteRememberedIndex.bind(t, node.value())));
        // Interactions: found through their month buckets, found through the bucket list.
        all(survey.interactions().stream().map(id -> cql.deleteInteractionById.bind(t, id)));
        all(survey.buckets().stream().map(b -> cql.deleteInteractionBucket.bind(t, b.node().value(), b.bucket())));
        all(nodes.stream().map(node -> cql.deleteBuckets.bind(t, node.value())));
        // Each removed interaction is published by its id, so that the indexer reads it again, finds
        // nothing and deletes its document with a later version: the node's removal alone deletes the
        // documents it finds, and misses one the indexer is still writing from an earlier read.
        all(survey.interactions().stream().map(id -> feed.change(tenant, ChangeFeed.INTERACTION_RECORDED,
                List.of(nodes.get(0)), id.toString())));
        // Cases with their history, found through node_case.
        all(survey.cases().stream().map(id -> cql.deleteCase.bind(ahead, t, id)));
        all(nodes.stream().map(node -> cql.deleteNodeCases.bind(ahead, t, node.value())));
        all(nodes.stream().flatMap(node -> Stream.of(cql.deleteConsentLedger.bind(ahead, t, node.value()),
                cql.deleteConsentCurrent.bind(ahead, t, node.value()))));
        all(survey.auditDetails().stream().map(row -> cql.redactAudit.bind(t, row.node().value(), row.day(),
                row.auditId())));
        all(survey.reviews().stream().flatMap(r -> Stream.of(cql.deleteReviewDecision.bind(t, r.itemId()),
                cql.deleteReviewItem.bind(t, r.status(), r.itemId()))));
        // Links: an undone link to someone else's node is also recorded on that node, with evidence that
        // names this person's identifiers; a link and its undoing go together, so the other side's
        // ledger replays as before. Then the merges, then this person's link rows that lead to them.
        Set<ProfileId> own = new HashSet<>(nodes);
        all(survey.links().stream().filter(link -> !own.contains(link.otherNode()))
                .map(link -> cql.deleteLinkOnOtherNode.bind(t, link.otherNode().value(), link.linkId())));
        all(survey.links().stream().map(PersonalDataSurvey.Link::mergeId).filter(Objects::nonNull).distinct()
                .map(merge -> cql.deleteMerge.bind(t, merge)));
        all(nodes.stream().map(node -> cql.deleteLinks.bind(t, node.value())));
        all(nodes.stream().map(node -> cql.deleteFlags.bind(t, node.value())));
        // Shared-value evidence keyed by the values the person owns (ADR 18). Values the person only
        // recorded as shared stay: they are other people's identifiers too, and keep them apart.
        all(survey.identifiers().stream().filter(PersonalDataSurvey.Listed::linkable).flatMap(listed -> Stream.of(
                cql.deleteSightings.bind(t, listed.identifier().kind().storageName(), listed.identifier().namespace(),
                        listed.identifier().value()),
                cql.deleteSharedMark.bind(t, listed.identifier().kind().storageName(), listed.identifier().namespace(),
                        listed.identifier().value()))));
        // Identifiers: the claims, found through the node's listing, then the nodes, root last.
        all(survey.identifiers().stream().filter(PersonalDataSurvey.Listed::linkable)
                .map(listed -> cql.releaseClaim.bind(t, listed.identifier().kind().storageName(),
                        listed.identifier().namespace(), listed.identifier().value(), listed.node().value())));
        ProfileId root = nodes.get(0);
        all(nodes.stream().filter(node -> !node.equals(root)).map(node -> cql.deleteNode.bind(ahead, t, node.value())));
        all(Stream.of(cql.deleteNode.bind(ahead, t, root.value())));
        all(nodes.stream().map(node -> cql.deleteCluster.bind(t, node.value())));
    }

    /** A write timestamp (microseconds) later than any a write accepted now may carry. */
    static long aheadOfAcceptedWrites(Clock clock) {
        Instant later = clock.instant().plus(AHEAD_OF_ACCEPTED_WRITES);
        return later.getEpochSecond() * 1_000_000L + later.getNano() / 1_000;
    }

    /** Runs one step's statements in parallel and waits for all: the next step starts only after. */
    private void all(Stream<BoundStatement> statements) {
        List<CompletableFuture<?>> running = statements
                .map(statement -> session.executeAsync(statement).toCompletableFuture()).<CompletableFuture<?>>map(f -> f)
                .toList();
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    }
}
