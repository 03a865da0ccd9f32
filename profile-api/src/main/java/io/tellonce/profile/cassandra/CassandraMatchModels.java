package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.identity.ConcurrentResolutionException;
import io.tellonce.profile.app.PreconditionFailed;
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
 * A model's versions are numbered 1, 2, ... per tenant; FindMatches names them "v1", "v2", ...
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
    private final PreparedStatement oneVersion;
    private final PreparedStatement insert;
    private final Map<String, TenantModel> parsed = new ConcurrentHashMap<>();

    CassandraMatchModels(CqlSession session, ModelJson json, Clock clock) {
        this.session = session;
        this.json = json;
        this.clock = clock;
        this.defaultModel = new TenantModel("default", json.readDefault());
        // Only the small columns per call: a model's text (a few KB) is read once per version, then kept.
        this.newestFirst = session.prepare(SimpleStatement.builder(
                        "SELECT version, shadow FROM match_model WHERE tenant = ?")
                .setPageSize(20).setIdempotence(true).build());
        this.oneVersion = session.prepare(SimpleStatement.builder(
                "SELECT model FROM match_model WHERE tenant = ? AND version = ?").setIdempotence(true).build());
        this.insert = session.prepare("INSERT INTO match_model (tenant, version, model, description, created_at,"
                + " shadow) VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    }

    @Override
    public CompletionStage<TenantModels> models(TenantId tenant) {
        return session.executeAsync(newestFirst.bind(tenant.value()))
                .thenCompose(page -> models(tenant, page, Optional.empty()));
    }

    /** Reads pages until the first live row: shadows before it are newer than it, the first of them counts. */
    private CompletionStage<TenantModels> models(TenantId tenant, AsyncResultSet page, Optional<Integer> shadow) {
        Optional<Integer> newestShadow = shadow;
        for (Row row : page.currentPage()) {
            int version = row.getInt("version");
            if (row.getBoolean("shadow")) {
                newestShadow = newestShadow.or(() -> Optional.of(version));
            } else {
                return both(tenant, version(tenant, version), newestShadow);
            }
        }
        if (page.hasMorePages()) {
            Optional<Integer> carried = newestShadow;
            return page.fetchNextPage().thenCompose(next -> models(tenant, next, carried));
        }
        return both(tenant, CompletableFuture.completedFuture(defaultModel), newestShadow);
    }

    private CompletionStage<TenantModels> both(TenantId tenant, CompletionStage<TenantModel> live,
                                               Optional<Integer> shadow) {
        return live.thenCompose(model -> shadow.isEmpty()
                ? CompletableFuture.completedFuture(new TenantModels(model, Optional.empty()))
                : version(tenant, shadow.get()).thenApply(found -> new TenantModels(model, Optional.of(found))));
    }

    private CompletionStage<TenantModel> version(TenantId tenant, int version) {
        String name = "v" + version;
        TenantModel known = parsed.get(tenant.value() + "/" + name);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return session.executeAsync(oneVersion.bind(tenant.value(), version)).thenApply(rows -> {
            Row row = rows.one();
            if (row == null) {
                throw new IllegalStateException("match model " + name + " of tenant " + tenant.value() + " vanished");
            }
            // A model stored by an older version may not fit today's comparisons: the caller is told
            // what to do (re-estimate), and inline matching in Resolve skips matching rather than fail.
            try {
                return parsed.computeIfAbsent(tenant.value() + "/" + name,
                        key -> new TenantModel(name, json.read(row.getString("model"))));
            } catch (IllegalArgumentException unfit) {
                throw new PreconditionFailed("match model " + name + " of this tenant does not fit this version's"
                        + " comparisons (" + unfit.getMessage() + "); estimate a new one with EstimateMatchModel");
            }
        });
    }

    @Override
    public CompletionStage<Integer> store(TenantId tenant, MatchModel model, boolean shadow, String description) {
        String text = json.write(model);
        return session.executeAsync(newestFirst.bind(tenant.value()).setPageSize(1))
                .thenCompose(page -> {
                    Row newest = page.one();
                    return store(tenant, newest == null ? 1 : newest.getInt("version") + 1, text, shadow,
                            description, STORE_ATTEMPTS);
                });
    }

    private CompletionStage<Integer> store(TenantId tenant, int version, String text, boolean shadow,
                                               String description, int attempts) {
        return session.executeAsync(insert.bind(tenant.value(), version, text, description, clock.instant(), shadow))
                .thenCompose(result -> {
                    if (result.wasApplied()) {
                        return CompletableFuture.completedFuture(version);
                    }
                    if (attempts <= 1) {
                        throw new ConcurrentResolutionException("match model versions were being written at once");
                    }
                    return store(tenant, version + 1, text, shadow, description, attempts - 1);
                });
    }
}
