package io.tellonce.bench.scenario;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * The reads GetProfile performs, word for word as profile-api's GraphStatements prepares them (kept in
 * step by hand: the benchmark must not depend on the service's internals), plus a scratch table for
 * the raw claim baseline, outside the service's keyspace so the baseline never touches its data.
 */
final class RawStatements {
    static final String SCRATCH_KEYSPACE = "tellonce_bench";

    final PreparedStatement selectClaim;
    final PreparedStatement selectNodeHead;
    final PreparedStatement selectCluster;
    final PreparedStatement selectNode;

    RawStatements(CqlSession session, String keyspace) {
        selectClaim = idempotent(session, "SELECT node_id, source_system, claimed_at, evidence FROM " + keyspace
                + ".identifier_owner WHERE tenant = ? AND kind = ? AND namespace = ? AND value = ?");
        selectNodeHead = idempotent(session, "SELECT root_id, created_at FROM " + keyspace
                + ".identity_node WHERE tenant = ? AND node_id = ? LIMIT 1");
        selectCluster = idempotent(session, "SELECT member_id, lock_holder, pending_merge, pending_unmerge FROM "
                + keyspace + ".profile_cluster WHERE tenant = ? AND root_id = ?");
        selectNode = idempotent(session, "SELECT kind, namespace, value, linkable, source_system, first_seen_at,"
                + " evidence, root_id, node_source, created_at, updated_at, attributes, attribute_observed FROM "
                + keyspace + ".identity_node WHERE tenant = ? AND node_id = ?");
    }

    /** An INSERT ... IF NOT EXISTS into a copy of identifier_owner: what one identifier claim costs the store. */
    static PreparedStatement claimProbe(CqlSession session) {
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + SCRATCH_KEYSPACE
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS " + SCRATCH_KEYSPACE + ".claim_probe (tenant text, kind text,"
                + " namespace text, value text, node_id uuid, source_system text, claimed_at timestamp, evidence text,"
                + " previous_node_id uuid, PRIMARY KEY ((tenant, kind, namespace, value)))");
        return idempotent(session, "INSERT INTO " + SCRATCH_KEYSPACE + ".claim_probe (tenant, kind, namespace, value,"
                + " node_id, source_system, claimed_at, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    }

    private static PreparedStatement idempotent(CqlSession session, String cql) {
        return session.prepare(SimpleStatement.builder(cql).setIdempotence(true).build());
    }
}
