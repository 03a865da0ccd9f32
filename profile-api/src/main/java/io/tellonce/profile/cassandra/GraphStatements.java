package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import jakarta.inject.Singleton;

/** Every statement on the identity graph, prepared once. */
@Singleton
final class GraphStatements {
    final PreparedStatement selectClaim;
    final PreparedStatement insertClaim;
    final PreparedStatement listIdentifier;
    final PreparedStatement createNode;
    final PreparedStatement createCluster;
    final PreparedStatement mergeAttributes;
    final PreparedStatement touchNode;
    final PreparedStatement deleteNode;
    final PreparedStatement deleteCluster;
    final PreparedStatement selectNodeHead;
    final PreparedStatement selectListing;
    final PreparedStatement selectNode;
    final PreparedStatement selectCluster;
    final PreparedStatement lockCluster;
    final PreparedStatement unlockCluster;
    final PreparedStatement setRoot;
    final PreparedStatement addMember;
    final PreparedStatement removeMember;
    final PreparedStatement markPendingMerge;
    final PreparedStatement clearPendingMerge;
    final PreparedStatement markPendingUnmerge;
    final PreparedStatement clearPendingUnmerge;
    final PreparedStatement insertLink;
    final PreparedStatement selectLinks;
    final PreparedStatement insertMerge;
    final PreparedStatement selectMerge;
    final PreparedStatement undoMerge;
    final PreparedStatement insertReviewItem;
    final PreparedStatement moveClaim;
    final PreparedStatement selectMovedClaim;
    final PreparedStatement unlistIdentifier;

    GraphStatements(CqlSession session) {
        Preparer p = new Preparer(session);
        selectClaim = p.idempotent("SELECT node_id, source_system, claimed_at, evidence, shared_since FROM identifier_owner"
                + " WHERE tenant = ? AND kind = ? AND namespace = ? AND value = ?");
        // Retrying is safe: a claim whose answer was lost reads back as already owned by the same node.
        insertClaim = p.idempotent("INSERT INTO identifier_owner (tenant, kind, namespace, value, node_id, source_system,"
                + " claimed_at, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
        // Written with the claim's time as write timestamp: a listing re-written late from a stale read
        // of the claim (an attach racing a MoveIdentifier) is older than the move's delete and stays deleted.
        listIdentifier = p.idempotent("INSERT INTO identity_node (tenant, node_id, kind, namespace, value, linkable,"
                + " source_system, first_seen_at, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
        createNode = p.idempotent("INSERT INTO identity_node (tenant, node_id, root_id, node_source, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?)");
        createCluster = p.idempotent("INSERT INTO profile_cluster (tenant, root_id, member_id) VALUES (?, ?, ?)");
        // The write timestamp is the observation time, so per attribute the latest observation wins,
        // however late it arrives.
        mergeAttributes = p.idempotent("UPDATE identity_node USING TIMESTAMP ? SET attributes = attributes + ?,"
                + " attribute_observed = attribute_observed + ? WHERE tenant = ? AND node_id = ?");
        touchNode = p.idempotent("UPDATE identity_node SET updated_at = ? WHERE tenant = ? AND node_id = ?");
        deleteNode = p.idempotent("DELETE FROM identity_node WHERE tenant = ? AND node_id = ?");
        deleteCluster = p.idempotent("DELETE FROM profile_cluster WHERE tenant = ? AND root_id = ?");
        selectNodeHead = p.idempotent("SELECT root_id, created_at FROM identity_node WHERE tenant = ? AND node_id = ?"
                + " LIMIT 1");
        selectListing = p.idempotent("SELECT linkable FROM identity_node WHERE tenant = ? AND node_id = ? AND kind = ?"
                + " AND namespace = ? AND value = ?");
        selectNode = p.idempotent("SELECT kind, namespace, value, linkable, source_system, first_seen_at, evidence, root_id,"
                + " node_source, created_at, updated_at, attributes, attribute_observed FROM identity_node"
                + " WHERE tenant = ? AND node_id = ?");
        selectCluster = p.idempotent("SELECT member_id, lock_holder, pending_merge, pending_unmerge FROM profile_cluster"
                + " WHERE tenant = ? AND root_id = ?");
        lockCluster = p.plain("UPDATE profile_cluster USING TTL 30 SET lock_holder = ? WHERE tenant = ? AND root_id = ?"
                + " IF lock_holder = null");
        unlockCluster = p.plain("UPDATE profile_cluster SET lock_holder = null WHERE tenant = ? AND root_id = ?"
                + " IF lock_holder = ?");
        setRoot = p.idempotent("UPDATE identity_node SET root_id = ? WHERE tenant = ? AND node_id = ?");
        addMember = p.idempotent("INSERT INTO profile_cluster (tenant, root_id, member_id) VALUES (?, ?, ?)");
        removeMember = p.idempotent("DELETE FROM profile_cluster WHERE tenant = ? AND root_id = ? AND member_id = ?");
        markPendingMerge = p.idempotent("UPDATE profile_cluster SET pending_merge = ? WHERE tenant = ? AND root_id = ?");
        clearPendingMerge = p.idempotent("UPDATE profile_cluster SET pending_merge = null WHERE tenant = ? AND root_id = ?");
        markPendingUnmerge = p.idempotent("UPDATE profile_cluster SET pending_unmerge = ? WHERE tenant = ? AND root_id = ?");
        clearPendingUnmerge = p.idempotent(
                "UPDATE profile_cluster SET pending_unmerge = null WHERE tenant = ? AND root_id = ?");
        insertLink = p.idempotent("INSERT INTO identity_link (tenant, node_id, link_id, event, other_node_id, merge_id,"
                + " rule, evidence, actor, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        selectLinks = p.idempotent("SELECT link_id, event, other_node_id, merge_id, rule, evidence, actor, reason,"
                + " recorded_at FROM identity_link WHERE tenant = ? AND node_id = ?");
        insertMerge = p.idempotent("INSERT INTO identity_merge (tenant, merge_id, profile_id, absorbed, links, rule,"
                + " actor, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        selectMerge = p.idempotent("SELECT profile_id, absorbed, links, undone_at FROM identity_merge"
                + " WHERE tenant = ? AND merge_id = ?");
        undoMerge = p.idempotent("UPDATE identity_merge SET undone_at = ?, undone_by = ?, undo_reason = ?"
                + " WHERE tenant = ? AND merge_id = ?");
        moveClaim = p.plain("UPDATE identifier_owner SET node_id = ?, previous_node_id = ?, source_system = ?,"
                + " claimed_at = ?, evidence = ? WHERE tenant = ? AND kind = ? AND namespace = ? AND value = ?"
                + " IF node_id = ?");
        selectMovedClaim = p.idempotent("SELECT node_id, previous_node_id, source_system, claimed_at, evidence"
                + " FROM identifier_owner WHERE tenant = ? AND kind = ? AND namespace = ? AND value = ?");
        unlistIdentifier = p.idempotent("DELETE FROM identity_node WHERE tenant = ? AND node_id = ? AND kind = ?"
                + " AND namespace = ? AND value = ?");
        insertReviewItem = p.idempotent("INSERT INTO review_item (tenant, status, item_id, profile_ids, reason, evidence,"
                + " source_system, observed_at) VALUES (?, 'open', ?, ?, ?, ?, ?, ?)");
    }

    private record Preparer(CqlSession session) {
        PreparedStatement idempotent(String cql) {
            return session.prepare(SimpleStatement.builder(cql).setIdempotence(true).build());
        }

        /** Lock changes are conditional on who holds the lock: a blind retry could misreport. */
        PreparedStatement plain(String cql) {
            return session.prepare(SimpleStatement.builder(cql).setIdempotence(false).build());
        }
    }
}
