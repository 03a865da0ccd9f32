package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import jakarta.inject.Singleton;

/**
 * The statements that find and delete a person's records in every table that holds personal data
 * (ADR 14), prepared once. Every one is safe to repeat.
 */
@Singleton
final class ErasureStatements {
    final PreparedStatement selectNodeRows;
    final PreparedStatement selectBuckets;
    final PreparedStatement selectInteractionIds;
    final PreparedStatement selectNodeCases;
    final PreparedStatement selectCaseEvents;
    final PreparedStatement selectConsentRecords;
    final PreparedStatement selectLinks;
    final PreparedStatement selectAuditDetails;
    final PreparedStatement selectRemembered;
    final PreparedStatement selectReviewItems;
    final PreparedStatement selectFlags;

    final PreparedStatement deleteRemembered;
    final PreparedStatement deleteRememberedIndex;
    final PreparedStatement deleteInteractionById;
    final PreparedStatement deleteInteractionBucket;
    final PreparedStatement deleteBuckets;
    final PreparedStatement deleteCase;
    final PreparedStatement deleteNodeCases;
    final PreparedStatement deleteConsentLedger;
    final PreparedStatement deleteConsentCurrent;
    final PreparedStatement redactAudit;
    final PreparedStatement deleteLinkOnOtherNode;
    final PreparedStatement deleteMerge;
    final PreparedStatement deleteLinks;
    final PreparedStatement deleteReviewItem;
    final PreparedStatement deleteReviewDecision;
    final PreparedStatement deleteFlags;
    final PreparedStatement releaseClaim;
    final PreparedStatement deleteSightings;
    final PreparedStatement deleteSharedMark;
    final PreparedStatement deleteNode;
    final PreparedStatement deleteCluster;

    ErasureStatements(CqlSession session) {
        Preparer p = new Preparer(session);
        selectNodeRows = p.of("SELECT kind, namespace, value, linkable, root_id, attributes FROM identity_node"
                + " WHERE tenant = ? AND node_id = ?");
        selectBuckets = p.of("SELECT bucket FROM interaction_bucket WHERE tenant = ? AND node_id = ?");
        selectInteractionIds = p.of("SELECT interaction_id FROM interaction WHERE tenant = ? AND node_id = ?"
                + " AND bucket = ?");
        selectNodeCases = p.of("SELECT case_id FROM node_case WHERE tenant = ? AND node_id = ?");
        selectCaseEvents = p.of("SELECT event_id FROM customer_case WHERE tenant = ? AND case_id = ?");
        selectConsentRecords = p.of("SELECT record_id FROM consent_ledger WHERE tenant = ? AND node_id = ?");
        selectLinks = p.of("SELECT link_id, other_node_id, merge_id FROM identity_link WHERE tenant = ? AND node_id = ?");
        selectAuditDetails = p.of("SELECT audit_id, detail FROM audit_log WHERE tenant = ? AND node_id = ? AND day = ?");
        selectRemembered = p.of("SELECT operation, idempotency_key FROM idempotent_response_subject"
                + " WHERE tenant = ? AND node_id = ?");
        // The review queue is one partition per tenant and status, read whole: erasure is rare, and
        // the alternative (an index by profile) would cost every conflict a second write.
        selectReviewItems = p.of("SELECT item_id, profile_ids FROM review_item WHERE tenant = ? AND status = ?");
        selectFlags = p.of("SELECT erasure_id FROM profile_after_erasure WHERE tenant = ? AND node_id = ?");

        deleteRemembered = p.of("DELETE FROM idempotent_response WHERE tenant = ? AND operation = ?"
                + " AND idempotency_key = ?");
        deleteRememberedIndex = p.of("DELETE FROM idempotent_response_subject WHERE tenant = ? AND node_id = ?");
        deleteInteractionById = p.of("DELETE FROM interaction_by_id WHERE tenant = ? AND interaction_id = ?");
        deleteInteractionBucket = p.of("DELETE FROM interaction WHERE tenant = ? AND node_id = ? AND bucket = ?");
        deleteBuckets = p.of("DELETE FROM interaction_bucket WHERE tenant = ? AND node_id = ?");
        // Rows written with a caller's time as their write timestamp (an observation, a consent's capture,
        // a case's activity: up to five minutes ahead) are deleted with a timestamp an hour ahead, so that
        // the delete wins over them. Harmless: these partitions are keyed by node and case ids that are
        // never written again once their person is erased.
        deleteCase = p.of("DELETE FROM customer_case USING TIMESTAMP ? WHERE tenant = ? AND case_id = ?");
        deleteNodeCases = p.of("DELETE FROM node_case USING TIMESTAMP ? WHERE tenant = ? AND node_id = ?");
        deleteConsentLedger = p.of("DELETE FROM consent_ledger USING TIMESTAMP ? WHERE tenant = ? AND node_id = ?");
        deleteConsentCurrent = p.of("DELETE FROM consent_current USING TIMESTAMP ? WHERE tenant = ? AND node_id = ?");
        // Who read or changed the data stays (accountability); what the entry said about the person goes.
        redactAudit = p.of("DELETE detail FROM audit_log WHERE tenant = ? AND node_id = ? AND day = ? AND audit_id = ?");
        deleteLinkOnOtherNode = p.of("DELETE FROM identity_link WHERE tenant = ? AND node_id = ? AND link_id = ?");
        deleteMerge = p.of("DELETE FROM identity_merge WHERE tenant = ? AND merge_id = ?");
        deleteLinks = p.of("DELETE FROM identity_link WHERE tenant = ? AND node_id = ?");
        deleteReviewItem = p.of("DELETE FROM review_item WHERE tenant = ? AND status = ? AND item_id = ?");
        deleteReviewDecision = p.of("DELETE FROM review_decision WHERE tenant = ? AND item_id = ?");
        deleteFlags = p.of("DELETE FROM profile_after_erasure WHERE tenant = ? AND node_id = ?");
        // Only while the node still owns it: an identifier moved to someone else stays theirs.
        deleteSightings = p.of("DELETE FROM identifier_sighting WHERE tenant = ? AND kind = ? AND namespace = ? AND value = ?");
        deleteSharedMark = p.of("DELETE FROM shared_identifier WHERE tenant = ? AND kind = ? AND namespace = ? AND value = ?");
        releaseClaim = p.of("DELETE FROM identifier_owner WHERE tenant = ? AND kind = ? AND namespace = ? AND value = ?"
                + " IF node_id = ?");
        deleteNode = p.of("DELETE FROM identity_node USING TIMESTAMP ? WHERE tenant = ? AND node_id = ?");
        deleteCluster = p.of("DELETE FROM profile_cluster WHERE tenant = ? AND root_id = ?");
    }

    private record Preparer(CqlSession session) {
        PreparedStatement of(String cql) {
            return session.prepare(SimpleStatement.builder(cql).setIdempotence(true).build());
        }
    }
}
