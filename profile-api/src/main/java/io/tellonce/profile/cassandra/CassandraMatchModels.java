package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.identity.TenantId;
import io.tellonce.matching.ModelJson;
import io.tellonce.profile.matching.MatchModels;
import io.tellonce.profile.matching.TenantModel;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's newest model version from {@code match_model}, or the shipped default. A version is
 * never changed once written, so a parsed version is kept and only the version number is read per call.
 */
@Singleton
final class CassandraMatchModels implements MatchModels {
    private final CqlSession session;
    private final ModelJson json;
    private final TenantModel defaultModel;
    private final PreparedStatement newest;
    private final Map<String, TenantModel> parsed = new ConcurrentHashMap<>();

    CassandraMatchModels(CqlSession session, ModelJson json) {
        this.session = session;
        this.json = json;
        this.defaultModel = new TenantModel("default", json.readDefault());
        this.newest = session.prepare(SimpleStatement.builder(
                "SELECT version, model FROM match_model WHERE tenant = ? LIMIT 1").setIdempotence(true).build());
    }

    @Override
    public CompletionStage<TenantModel> model(TenantId tenant) {
        return session.executeAsync(newest.bind(tenant.value())).thenApply(rows -> {
            Row row = rows.one();
            if (row == null) {
                return defaultModel;
            }
            String name = "v" + row.getInt("version");
            // A stored model that does not fit the comparisons fails here (INTERNAL would hide it
            // from no one: it is an operator's mistake to be seen in the log, not the caller's).
            return parsed.computeIfAbsent(tenant.value() + "/" + name,
                    key -> new TenantModel(name, json.read(row.getString("model"))));
        });
    }
}
