package io.tellonce.profile.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tellonce.search.IndexDefinition;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds an index (profiles or interactions) from Cassandra into a new index and moves the alias to
 * it in one atomic alias update, so search answers from the old index until the new one is complete.
 * The new index is registered first, so the indexer writes every change made during the rebuild to
 * it too.
 */
@Singleton
public final class IndexRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(IndexRebuild.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final java.time.Duration OLD_INDEX_GRACE = java.time.Duration.ofSeconds(5);

    private final ElasticsearchClient elasticsearch;
    private final CqlSession session;
    private final IndexTargets targets;
    private final Map<String, IndexCopy> copies;
    private final Clock clock;
    private final PreparedStatement register;
    private final PreparedStatement unregister;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tellonce-reindex");
        thread.setDaemon(true);
        return thread;
    });
    /** Per index name (profiles, interactions): the index being built on this instance. */
    private final Map<String, String> running = new ConcurrentHashMap<>();

    IndexRebuild(ElasticsearchClient elasticsearch, CqlSession session, IndexTargets targets, List<IndexCopy> copies,
                 Clock clock) {
        this.elasticsearch = elasticsearch;
        this.session = session;
        this.targets = targets;
        this.copies = copies.stream().collect(Collectors.toUnmodifiableMap(copy -> copy.definition().name(),
                copy -> copy));
        this.clock = clock;
        this.register = session.prepare("INSERT INTO search_index_build (alias, index_name, started_at) VALUES (?, ?, ?)");
        this.unregister = session.prepare("DELETE FROM search_index_build WHERE alias = ? AND index_name = ?");
    }

    /** The indexes that can be rebuilt, by name ({@code profiles}, {@code interactions}). */
    public Set<String> indexes() {
        return copies.keySet();
    }

    /**
     * Starts a rebuild of the named index in the background.
     *
     * @return the index being built, and the stage that completes when the alias has moved to it
     * @throws IllegalArgumentException when no index has this name
     * @throws IllegalStateException    when a rebuild of this index is already running on this instance
     */
    public Started start(String name) throws IOException {
        IndexCopy copy = copies.get(name);
        if (copy == null) {
            throw new IllegalArgumentException("no index is called " + name + "; the indexes are " + indexes());
        }
        IndexDefinition definition = copy.definition();
        String alias = targets.alias(definition);
        String index = definition.indexName(targets.prefix()) + "-" + SUFFIX.format(clock.instant());
        String already = running.putIfAbsent(name, index);
        if (already != null) {
            throw new IllegalStateException("the index " + already + " is being rebuilt already");
        }
        try {
            elasticsearch.indices().create(c -> c.index(index).withJson(new StringReader(definition.body())));
            session.execute(register.bind(alias, index, clock.instant()));
        } catch (IOException | RuntimeException e) {
            running.remove(name);
            throw e;
        }
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> rebuild(copy, alias, index), worker)
                .whenComplete((ok, failure) -> {
                    running.remove(name);
                    if (failure != null) {
                        LOG.warn("rebuilding {} failed; search stays on the current index", index, failure);
                        session.execute(unregister.bind(alias, index));
                    }
                });
        return new Started(index, done);
    }

    public record Started(String index, CompletableFuture<Void> done) {
    }

    private void rebuild(IndexCopy copy, String alias, String index) {
        try {
            copy.copyInto(index);
            // What was copied becomes searchable at the next refresh: without one, the moment after
            // the alias moves would miss the latest documents.
            elasticsearch.indices().refresh(r -> r.index(index));
            Set<String> previous = elasticsearch.indices().getAlias(a -> a.name(alias).allowNoIndices(true)
                    .ignoreUnavailable(true)).result().keySet();
            elasticsearch.indices().updateAliases(u -> {
                previous.forEach(old -> u.actions(a -> a.remove(r -> r.index(old).alias(alias))));
                return u.actions(a -> a.add(add -> add.index(index).alias(alias).isWriteIndex(true)));
            });
            session.execute(unregister.bind(alias, index));
            // Searches that resolved the alias just before it moved still read the old index.
            Thread.sleep(OLD_INDEX_GRACE.toMillis());
            for (String old : previous) {
                elasticsearch.indices().delete(d -> d.index(old).ignoreUnavailable(true));
            }
            LOG.info("rebuilt {}; the alias {} moved from {}", index, alias, previous);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before the old index was removed", e);
        }
    }
}
