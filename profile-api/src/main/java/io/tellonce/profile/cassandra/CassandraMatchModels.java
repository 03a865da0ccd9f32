package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.identity.ConcurrentResolutionException;
import io.tellonce.identity.TenantId;
import io.tellonce.matching.MatchModel;
import io.tellonce.matching.ModelJson;
import io.tellonce.profile.matching.MatchModels;
import io.tellonce.profile.matching.TenantModel;
import io.tellonce.profile.matching.TenantModels;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's models from {@code match_model}, newest version first: the live model is the newest
 * version that is not a shadow (or the shipped default), the shadow model the newest shadow newer than
 * it. A version is never changed once written, so a parsed version is kept and only the rows' version
 * numbers and flags are read per call (usually one or two rows: a partition holds one row per model).
 */
@Singleton
final class CassandraMatchModels implements MatchModels {
    /** Versions stored at once by racing writers are retried at the next version, this many times. */
    private static final int STORE_ATTEMPTS = 5;

    private final CqlSession session;
    private final ModelJson json;
    private final Clock clock;
    private final TenantModel defaultModel;
    private final PreparedStatement newestFirst;
    private final PreparedStatement insert;
    private final Map<String, TenantModel> parsed = new ConcurrentHashMap<>();

    CassandraMatchModels(CqlSession session, ModelJson json, Clock clock) {
        this.session = session;
        this.json = json;
        this.clock = clock;
        this.defaultModel = new TenantModel("default", json.readDefault());
        this.newestFirst = session.prepare(SimpleStatement.builder(
                        "SELECT version, model, shadow FROM match_model WHERE tenant = ?")
                .setPageSize(20).setIdempotence(true).build());
        this.insert = session.prepare("INSERT INTO match_model (tenant, version, model, description, created_at,"
                + " shadow) VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    }

    @Override
    public CompletionStage<TenantModels> models(TenantId tenant) {
        return session.executeAsync(newestFirst.bind(tenant.value()))
                .thenCompose(page -> models(tenant, page, Optional.empty()));
    }

    /** Reads pages until the first live row: shadows before it are newer than it, the first of them counts. */
    private CompletionStage<TenantModels> models(TenantId tenant, AsyncResultSet page, Optional<Row> shadow) {
        Optional<Row> newestShadow = shadow;
        for (Row row : page.currentPage()) {
            if (row.getBoolean("shadow")) {
                newestShadow = newestShadow.or(() -> Optional.of(row));
            } else {
                return CompletableFuture.completedFuture(
                        new TenantModels(parse(tenant, row), newestShadow.map(found -> parse(tenant, found))));
            }
        }
        if (page.hasMorePages()) {
            Optional<Row> carried = newestShadow;
            return page.fetchNextPage().thenCompose(next -> models(tenant, next, carried));
        }
        return CompletableFuture.completedFuture(
                new TenantModels(defaultModel, newestShadow.map(found -> parse(tenant, found))));
    }

    @Override
    public CompletionStage<TenantModel> store(TenantId tenant, MatchModel model, boolean shadow, String description) {
        String text = json.write(model);
        return session.executeAsync(newestFirst.bind(tenant.value()).setPageSize(1))
                .thenCompose(page -> {
                    Row newest = page.one();
                    return store(tenant, newest == null ? 1 : newest.getInt("version") + 1, text, shadow,
                            description, STORE_ATTEMPTS);
                });
    }

    private CompletionStage<TenantModel> store(TenantId tenant, int version, String text, boolean shadow,
                                               String description, int attempts) {
        return session.executeAsync(insert.bind(tenant.value(), version, text, description, clock.instant(), shadow))
                .thenCompose(result -> {
                    if (result.wasApplied()) {
                        return CompletableFuture.completedFuture(new TenantModel("v" + version, json.read(text)));
                    }
                    if (attempts <= 1) {
                        throw new ConcurrentResolutionException("match model versions were being written at once");
                    }
                    return store(tenant, version + 1, text, shadow, description, attempts - 1);
                });
    }

    private TenantModel parse(TenantId tenant, Row row) {
        String name = "v" + row.getInt("version");
        // A stored model that does not fit the comparisons fails here (INTERNAL would hide it
        // from no one: it is an operator's mistake to be seen in the log, not the caller's).
        return parsed.computeIfAbsent(tenant.value() + "/" + name,
                key -> new TenantModel(name, json.read(row.getString("model"))));
    }
}
