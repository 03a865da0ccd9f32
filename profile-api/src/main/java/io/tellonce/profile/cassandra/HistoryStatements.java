package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import jakarta.inject.Singleton;

/** Every statement on interactions and cases, prepared once. All are safe to retry. */
@Singleton
final class HistoryStatements {
    static final String INTERACTION_COLUMNS = "node_id, occurred_at, interaction_id, channel, channel_detail, direction,"
            + " agent_id, bot_id, queue, topic, summary, transcript, sentiment, outcome, case_id, survey_answers,"
            + " source_system, recorded_at";

    final PreparedStatement insertInteraction;
    final PreparedStatement insertBucket;
    final PreparedStatement insertInteractionById;
    final PreparedStatement selectBuckets;
    final PreparedStatement selectInteractions;
    final PreparedStatement selectInteractionById;
    final PreparedStatement selectInteraction;
    final PreparedStatement setInteractionCase;
    final PreparedStatement insertCase;
    final PreparedStatement insertCaseEvent;
    final PreparedStatement setCaseStatus;
    final PreparedStatement setCaseActivity;
    final PreparedStatement selectCase;
    final PreparedStatement upsertNodeCase;
    final PreparedStatement setNodeCaseStatus;
    final PreparedStatement setNodeCaseActivity;
    final PreparedStatement selectNodeCases;
    final PreparedStatement deleteInteraction;
    final PreparedStatement deleteInteractionById;
    final PreparedStatement deleteCase;
    final PreparedStatement deleteNodeCase;

    HistoryStatements(CqlSession session) {
        insertInteraction = prepare(session, "INSERT INTO interaction (tenant, bucket, " + INTERACTION_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertBucket = prepare(session, "INSERT INTO interaction_bucket (tenant, node_id, bucket) VALUES (?, ?, ?)");
        insertInteractionById = prepare(session, "INSERT INTO interaction_by_id (tenant, interaction_id, node_id,"
                + " occurred_at) VALUES (?, ?, ?, ?)");
        selectBuckets = prepare(session, "SELECT bucket FROM interaction_bucket WHERE tenant = ? AND node_id = ?"
                + " AND bucket <= ? AND bucket >= ?");
        selectInteractions = prepare(session, "SELECT " + INTERACTION_COLUMNS + " FROM interaction WHERE tenant = ?"
                + " AND node_id = ? AND bucket = ? AND occurred_at <= ? AND occurred_at >= ?");
        selectInteractionById = prepare(session, "SELECT node_id, occurred_at FROM interaction_by_id WHERE tenant = ?"
                + " AND interaction_id = ?");
        selectInteraction = prepare(session, "SELECT " + INTERACTION_COLUMNS + " FROM interaction WHERE tenant = ?"
                + " AND node_id = ? AND bucket = ? AND occurred_at = ? AND interaction_id = ?");
        setInteractionCase = prepare(session, "UPDATE interaction SET case_id = ? WHERE tenant = ? AND node_id = ?"
                + " AND bucket = ? AND occurred_at = ? AND interaction_id = ?");
        insertCase = prepare(session, "INSERT INTO customer_case (tenant, case_id, node_id, title, topic, status,"
                + " opened_by, opened_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertCaseEvent = prepare(session, "INSERT INTO customer_case (tenant, case_id, event_id, event, event_status,"
                + " interaction_id, actor, note, event_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        setCaseStatus = prepare(session, "UPDATE customer_case SET status = ?, updated_at = ? WHERE tenant = ?"
                + " AND case_id = ?");
        // Written with the activity's time as write timestamp: the latest activity wins, however late it arrives.
        setCaseActivity = prepare(session, "UPDATE customer_case USING TIMESTAMP ? SET last_activity_at = ?,"
                + " last_interaction_id = ? WHERE tenant = ? AND case_id = ?");
        selectCase = prepare(session, "SELECT node_id, title, topic, status, opened_by, opened_at, updated_at,"
                + " last_activity_at, last_interaction_id, event_id, event, event_status, interaction_id, actor, note,"
                + " event_at FROM customer_case WHERE tenant = ? AND case_id = ?");
        upsertNodeCase = prepare(session, "INSERT INTO node_case (tenant, node_id, case_id, title, topic, status,"
                + " opened_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        setNodeCaseStatus = prepare(session, "UPDATE node_case SET status = ?, updated_at = ? WHERE tenant = ?"
                + " AND node_id = ? AND case_id = ?");
        setNodeCaseActivity = prepare(session, "UPDATE node_case USING TIMESTAMP ? SET last_activity_at = ?,"
                + " last_interaction_id = ? WHERE tenant = ? AND node_id = ? AND case_id = ?");
        selectNodeCases = prepare(session, "SELECT case_id, title, topic, status, opened_at, updated_at,"
                + " last_activity_at, last_interaction_id FROM node_case WHERE tenant = ? AND node_id = ?");
        // A write withdrawn because its person is being erased (Erasures.refuseIfErased); the case's rows
        // may carry activity stamped up to five minutes ahead, so its delete is stamped by the caller.
        deleteInteraction = prepare(session, "DELETE FROM interaction WHERE tenant = ? AND node_id = ? AND bucket = ?"
                + " AND occurred_at = ? AND interaction_id = ?");
        deleteInteractionById = prepare(session, "DELETE FROM interaction_by_id WHERE tenant = ? AND interaction_id = ?");
        deleteCase = prepare(session, "DELETE FROM customer_case USING TIMESTAMP ? WHERE tenant = ? AND case_id = ?");
        deleteNodeCase = prepare(session, "DELETE FROM node_case USING TIMESTAMP ? WHERE tenant = ? AND node_id = ?"
                + " AND case_id = ?");
    }

    private static PreparedStatement prepare(CqlSession session, String cql) {
        return session.prepare(SimpleStatement.builder(cql).setIdempotence(true).build());
    }
}
