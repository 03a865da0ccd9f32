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
    final PreparedStatement markMerge;
    final PreparedStatement markUnmerge;
    final PreparedStatement markMove;
    final PreparedStatement clearMerge;
    final PreparedStatement clearUnmerge;
    final PreparedStatement clearMove;
    final PreparedStatement setRootAt;
    final PreparedStatement addMemberAt;
    final PreparedStatement removeMemberAt;
    final PreparedStatement insertLinkAt;
    final PreparedStatement selectLinks;
    final PreparedStatement insertMergeAt;
    final PreparedStatement selectMerge;
    final PreparedStatement undoMergeAt;
    final PreparedStatement insertReviewItem;
    final PreparedStatement moveClaim;
    final PreparedStatement selectMovedClaim;
    final PreparedStatement unlistIdentifierAt;
    final PreparedStatement releaseClaim;

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
        selectCluster = p.idempotent("SELECT member_id, lock_holder, pending_merge, pending_unmerge, pending_move,"
                + " pending_plan FROM profile_cluster WHERE tenant = ? AND root_id = ?");
        lockCluster = p.plain("UPDATE profile_cluster USING TTL ? SET lock_holder = ? WHERE tenant = ? AND root_id = ?"
                + " IF lock_holder = null");
        unlockCluster = p.plain("UPDATE profile_cluster SET lock_holder = null WHERE tenant = ? AND root_id = ?"
                + " IF lock_holder = ?");
        // The fence of ADR 21: an operation's marker and plan are written only while the writer still
        // holds the profile's lock, and only on a profile that no other operation has marked.
        markMerge = p.plain(mark("pending_merge"));
        markUnmerge = p.plain(mark("pending_unmerge"));
        markMove = p.plain(mark("pending_move"));
        clearMerge = p.plain(clear("pending_merge"));
        clearUnmerge = p.plain(clear("pending_unmerge"));
        clearMove = p.plain(clear("pending_move"));
        // What finishes an operation is written with the operation's own time as write timestamp, so that
        // a finisher paused past the operation's end writes nothing newer than what came after it.
        setRootAt = p.idempotent("UPDATE identity_node USING TIMESTAMP ? SET root_id = ? WHERE tenant = ? AND node_id = ?");
        addMemberAt = p.idempotent("INSERT INTO profile_cluster (tenant, root_id, member_id) VALUES (?, ?, ?)"
                + " USING TIMESTAMP ?");
        removeMemberAt = p.idempotent("DELETE FROM profile_cluster USING TIMESTAMP ? WHERE tenant = ? AND root_id = ?"
                + " AND member_id = ?");
        insertLinkAt = p.idempotent("INSERT INTO identity_link (tenant, node_id, link_id, event, other_node_id, merge_id,"
                + " rule, evidence, actor, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
        selectLinks = p.idempotent("SELECT link_id, event, other_node_id, merge_id, rule, evidence, actor, reason,"
                + " recorded_at FROM identity_link WHERE tenant = ? AND node_id = ?");
        insertMergeAt = p.idempotent("INSERT INTO identity_merge (tenant, merge_id, profile_id, absorbed, links, rule,"
                + " actor, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
        selectMerge = p.idempotent("SELECT profile_id, absorbed, links, undone_at FROM identity_merge"
                + " WHERE tenant = ? AND merge_id = ?");
        undoMergeAt = p.idempotent("UPDATE identity_merge USING TIMESTAMP ? SET undone_at = ?, undone_by = ?,"
                + " undo_reason = ? WHERE tenant = ? AND merge_id = ?");
        // Only the claim as it was planned: a finisher that comes late finds it changed and moves nothing.
        moveClaim = p.plain("UPDATE identifier_owner SET node_id = ?, previous_node_id = ?, source_system = ?,"
                + " claimed_at = ?, evidence = ? WHERE tenant = ? AND kind = ? AND namespace = ? AND value = ?"
                + " IF node_id = ? AND claimed_at = ?");
        selectMovedClaim = p.idempotent("SELECT node_id, previous_node_id, source_system, claimed_at, evidence"
                + " FROM identifier_owner WHERE tenant = ? AND kind = ? AND namespace = ? AND value = ?");
        unlistIdentifierAt = p.idempotent("DELETE FROM identity_node USING TIMESTAMP ? WHERE tenant = ? AND node_id = ?"
                + " AND kind = ? AND namespace = ? AND value = ?");
        releaseClaim = p.plain("DELETE FROM identifier_owner WHERE tenant = ? AND kind = ? AND namespace = ? AND value = ?"
                + " IF node_id = ?");
        insertReviewItem = p.idempotent("INSERT INTO review_item (tenant, status, item_id, profile_ids, reason, evidence,"
                + " source_system, observed_at) VALUES (?, 'open', ?, ?, ?, ?, ?, ?)");
    }

    private static String mark(String marker) {
        return "UPDATE profile_cluster SET " + marker + " = ?, pending_plan = ? WHERE tenant = ? AND root_id = ?"
                + " IF lock_holder = ? AND pending_merge = null AND pending_unmerge = null AND pending_move = null";
    }

    private static String clear(String marker) {
        return "UPDATE profile_cluster SET " + marker + " = null, pending_plan = null WHERE tenant = ? AND root_id = ?"
                + " IF " + marker + " = ?";
    }

    private record Preparer(CqlSession session) {
        PreparedStatement idempotent(String cql) {
            return session.prepare(SimpleStatement.builder(cql).setIdempotence(true).build());
        }

        /** Lock and marker changes are conditional on who holds what: a blind retry could misreport. */
        PreparedStatement plain(String cql) {
            return session.prepare(SimpleStatement.builder(cql).setIdempotence(false).build());
        }
    }
}
