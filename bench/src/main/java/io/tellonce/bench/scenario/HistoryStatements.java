package io.tellonce.bench.scenario;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/**
 * The statements of the context, history and consent paths, word for word as profile-api's
 * HistoryStatements, CassandraConsentLedger and CassandraAuditLog prepare them (kept in step by hand,
 * ADR 12). Reads go to the service's keyspace; writes (audit entries, recorded interactions) go to
 * scratch copies of the service's tables in {@value RawStatements#SCRATCH_KEYSPACE}, so that a baseline
 * never adds history to a real person nor feeds the search indexer.
 */
final class HistoryStatements {
    private static final String INTERACTION_COLUMNS = "node_id, occurred_at, interaction_id, channel, channel_detail,"
            + " direction, agent_id, bot_id, queue, topic, summary, transcript, sentiment, outcome, case_id,"
            + " survey_answers, source_system, recorded_at";
    private static final String CONSENT_COLUMNS = "purpose, channel, scope_kind, scope_namespace, scope_value, record_id,"
            + " status, legal_basis, source_system, actor, captured_at, expires_at, policy_version, evidence, recorded_at";
    private static final String AUDIT_COLUMNS = "audit_id, action, rpc, actor, role, purpose, profile_ids, detail";
    private static final String SCRATCH = RawStatements.SCRATCH_KEYSPACE;

    final PreparedStatement selectBuckets;
    final PreparedStatement selectInteractions;
    final PreparedStatement selectNodeCases;
    final PreparedStatement selectConsentCurrent;
    final PreparedStatement insertAudit;
    final PreparedStatement insertInteraction;
    final PreparedStatement insertBucket;
    final PreparedStatement insertInteractionById;
    final PreparedStatement insertChange;

    HistoryStatements(CqlSession session, String keyspace) {
        selectBuckets = prepare(session, "SELECT bucket FROM " + keyspace + ".interaction_bucket WHERE tenant = ?"
                + " AND node_id = ? AND bucket <= ? AND bucket >= ?");
        selectInteractions = prepare(session, "SELECT " + INTERACTION_COLUMNS + " FROM " + keyspace + ".interaction"
                + " WHERE tenant = ? AND node_id = ? AND bucket = ? AND occurred_at <= ? AND occurred_at >= ?");
        selectNodeCases = prepare(session, "SELECT case_id, title, topic, status, opened_at, updated_at, last_activity_at,"
                + " last_interaction_id FROM " + keyspace + ".node_case WHERE tenant = ? AND node_id = ?");
        selectConsentCurrent = prepare(session, "SELECT " + CONSENT_COLUMNS + " FROM " + keyspace + ".consent_current"
                + " WHERE tenant = ? AND node_id = ?");
        createScratchTables(session);
        insertAudit = prepare(session, "INSERT INTO " + SCRATCH + ".audit_log (tenant, node_id, day, " + AUDIT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?");
        insertInteraction = prepare(session, "INSERT INTO " + SCRATCH + ".interaction (tenant, bucket, "
                + INTERACTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertBucket = prepare(session, "INSERT INTO " + SCRATCH + ".interaction_bucket (tenant, node_id, bucket)"
                + " VALUES (?, ?, ?)");
        insertInteractionById = prepare(session, "INSERT INTO " + SCRATCH + ".interaction_by_id (tenant, interaction_id,"
                + " node_id, occurred_at) VALUES (?, ?, ?, ?)");
        insertChange = prepare(session, "INSERT INTO " + SCRATCH + ".change_log (shard, bucket, change_id, tenant, change,"
                + " profile_ids, detail) VALUES (?, ?, ?, ?, ?, ?, ?)");
    }

    /** Copies of the service's tables (V002, V003, V004), with the same keys, columns and TTLs. */
    private static void createScratchTables(CqlSession session) {
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + SCRATCH
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS " + SCRATCH + ".audit_log (tenant text, node_id uuid, day date,"
                + " audit_id timeuuid, action text, rpc text, actor text, role text, purpose text, profile_ids list<uuid>,"
                + " detail text, PRIMARY KEY ((tenant, node_id, day), audit_id)) WITH CLUSTERING ORDER BY (audit_id DESC)");
        session.execute("CREATE TABLE IF NOT EXISTS " + SCRATCH + ".interaction (tenant text, node_id uuid, bucket int,"
                + " occurred_at timestamp, interaction_id uuid, channel text, channel_detail text, direction text,"
                + " agent_id text, bot_id text, queue text, topic text, summary text,"
                + " transcript list<frozen<tuple<text, text, timestamp>>>, sentiment text, outcome text, case_id uuid,"
                + " survey_answers list<frozen<tuple<text, text, int, int, int, boolean>>>, source_system text,"
                + " recorded_at timestamp, PRIMARY KEY ((tenant, node_id, bucket), occurred_at, interaction_id))"
                + " WITH CLUSTERING ORDER BY (occurred_at DESC, interaction_id DESC)");
        session.execute("CREATE TABLE IF NOT EXISTS " + SCRATCH + ".interaction_bucket (tenant text, node_id uuid,"
                + " bucket int, PRIMARY KEY ((tenant, node_id), bucket)) WITH CLUSTERING ORDER BY (bucket DESC)");
        session.execute("CREATE TABLE IF NOT EXISTS " + SCRATCH + ".interaction_by_id (tenant text, interaction_id uuid,"
                + " node_id uuid, occurred_at timestamp, PRIMARY KEY ((tenant, interaction_id)))");
        session.execute("CREATE TABLE IF NOT EXISTS " + SCRATCH + ".change_log (shard int, bucket timestamp,"
                + " change_id timeuuid, tenant text, change text, profile_ids list<uuid>, detail text,"
                + " PRIMARY KEY ((shard, bucket), change_id)) WITH default_time_to_live = 1209600");
    }

    private static PreparedStatement prepare(CqlSession session, String cql) {
        return session.prepare(SimpleStatement.builder(cql).setIdempotence(true).build());
    }
}
