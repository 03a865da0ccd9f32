package io.tellonce.profile.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.profile.cassandra.ChangeLogEntry;
import io.tellonce.search.IndexDefinition;
import io.tellonce.search.SearchIndexes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the profile index from Cassandra into a new index and moves the alias to it in one
 * atomic alias update, so search answers from the old index until the new one is complete. The new
 * index is registered first, so the indexer writes every change made during the rebuild to it too.
 */
@Singleton
public final class IndexRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(IndexRebuild.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final int PAGE = 500;
    private static final java.time.Duration OLD_INDEX_GRACE = java.time.Duration.ofSeconds(5);

    private final ElasticsearchClient elasticsearch;
    private final CqlSession session;
    private final IndexTargets targets;
    private final ChangeApplier applier;
    private final Clock clock;
    private final PreparedStatement register;
    private final PreparedStatement unregister;
    private final IndexDefinition definition = SearchIndexes.PROFILES;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tellonce-reindex");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<String> running = new AtomicReference<>();

    IndexRebuild(ElasticsearchClient elasticsearch, CqlSession session, IndexTargets targets, ChangeApplier applier,
                 Clock clock) {
        this.elasticsearch = elasticsearch;
        this.session = session;
        this.targets = targets;
        this.applier = applier;
        this.clock = clock;
        this.register = session.prepare("INSERT INTO search_index_build (alias, index_name, started_at) VALUES (?, ?, ?)");
        this.unregister = session.prepare("DELETE FROM search_index_build WHERE alias = ? AND index_name = ?");
    }

    /**
     * Starts a rebuild in the background.
     *
     * @return the index being built, and the stage that completes when the alias has moved to it
     * @throws IllegalStateException when a rebuild is already running on this instance
     */
    public Started start() throws IOException {
        String index = definition.indexName(targets.prefix()) + "-" + SUFFIX.format(clock.instant());
        if (!running.compareAndSet(null, index)) {
            throw new IllegalStateException("the index " + running.get() + " is being rebuilt already");
        }
        try {
            elasticsearch.indices().create(c -> c.index(index).withJson(new StringReader(definition.body())));
            session.execute(register.bind(targets.alias(), index, clock.instant()));
        } catch (IOException | RuntimeException e) {
            running.set(null);
            throw e;
        }
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> rebuild(index), worker)
                .whenComplete((ok, failure) -> {
                    running.set(null);
                    if (failure != null) {
                        LOG.warn("rebuilding {} failed; search stays on the current index", index, failure);
                        session.execute(unregister.bind(targets.alias(), index));
                    }
                });
        return new Started(index, done);
    }

    public record Started(String index, CompletableFuture<Void> done) {
    }

    private void rebuild(String index) {
        try {
            copyEveryProfile(index);
            // What was copied becomes searchable at the next refresh: without one, the moment after
            // the alias moves would miss the latest documents.
            elasticsearch.indices().refresh(r -> r.index(index));
            Set<String> previous = elasticsearch.indices().getAlias(a -> a.name(targets.alias()).allowNoIndices(true)
                    .ignoreUnavailable(true)).result().keySet();
            elasticsearch.indices().updateAliases(u -> {
                previous.forEach(old -> u.actions(a -> a.remove(r -> r.index(old).alias(targets.alias()))));
                return u.actions(a -> a.add(add -> add.index(index).alias(targets.alias()).isWriteIndex(true)));
            });
            session.execute(unregister.bind(targets.alias(), index));
            // Searches that resolved the alias just before it moved still read the old index.
            Thread.sleep(OLD_INDEX_GRACE.toMillis());
            for (String old : previous) {
                elasticsearch.indices().delete(d -> d.index(old).ignoreUnavailable(true));
            }
            LOG.info("rebuilt the profile index as {}; the alias {} moved from {}", index, targets.alias(), previous);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before the old index was removed", e);
        }
    }

    /**
     * Every profile root of every tenant, by a paged scan of the profile clusters: a maintenance read,
     * never on a request path. Each is applied like a change, to the new index only.
     */
    private void copyEveryProfile(String index) throws IOException {
        List<ChangeLogEntry> page = new ArrayList<>();
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT DISTINCT tenant, root_id FROM profile_cluster")
                .setPageSize(PAGE))) {
            page.add(new ChangeLogEntry(UUID.randomUUID(), clock.instant(), row.getString("tenant"), "reindex",
                    List.of(row.getUuid("root_id")), ""));
            if (page.size() == PAGE) {
                applier.applyTo(List.of(index), page);
                page.clear();
            }
        }
        applier.applyTo(List.of(index), page);
    }
}
