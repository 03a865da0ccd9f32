package io.tellonce.profile.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tellonce.profile.cassandra.ChangeLogCheckpoints;
import io.tellonce.profile.cassandra.ChangeLogLeases;
import io.tellonce.profile.cassandra.ChangeLogShards;
import io.tellonce.profile.config.ElasticsearchSettings;
import io.tellonce.search.IndexDefinition;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/** How far the search index is behind the change log, read from the checkpoints every instance shares. */
@Singleton
public final class IndexStatus {
    private final ChangeLogCheckpoints checkpoints;
    private final ChangeLogLeases leases;
    private final ElasticsearchClient elasticsearch;
    private final String prefix;
    private final Clock clock;
    private final ExecutorService blocking;

    private final CqlSession session;
    private final PreparedStatement selectBuilding;

    public IndexStatus(ChangeLogCheckpoints checkpoints, ChangeLogLeases leases, ElasticsearchClient elasticsearch,
                       ElasticsearchSettings settings, Clock clock, @Named("search") ExecutorService blocking,
                       CqlSession session) {
        this.session = session;
        this.selectBuilding = session.prepare("SELECT index_name FROM search_index_build WHERE alias = ?");
        this.checkpoints = checkpoints;
        this.leases = leases;
        this.elasticsearch = elasticsearch;
        this.prefix = settings.indexPrefix();
        this.clock = clock;
        this.blocking = blocking;
    }

    /** The change log's progress (shared by every index) and the indexes of one alias. */
    public CompletionStage<Report> report(IndexDefinition index) {
        return CompletableFuture.supplyAsync(() -> read(index.alias(prefix)), blocking);
    }

    private Report read(String alias) {
        Map<Integer, ChangeLogCheckpoints.Checkpoint> positions = checkpoints.all();
        Map<Integer, ChangeLogLeases.Holder> owners = leases.owners();
        Instant now = clock.instant();
        List<Shard> shards = new ArrayList<>();
        Duration lag = Duration.ZERO;
        for (int shard = 0; shard < ChangeLogShards.COUNT; shard++) {
            ChangeLogCheckpoints.Checkpoint position = positions.get(shard);
            Optional<String> owner = Optional.ofNullable(owners.get(shard)).map(ChangeLogLeases.Holder::name);
            shards.add(new Shard(shard, Optional.ofNullable(position), owner));
            if (position != null && Duration.between(position.indexedTo(), now).compareTo(lag) > 0) {
                lag = Duration.between(position.indexedTo(), now);
            }
        }
        List<String> building = new ArrayList<>();
        session.execute(selectBuilding.bind(alias)).forEach(row -> building.add(row.getString("index_name")));
        return new Report(lag, shards, alias, indexesBehindAlias(alias), building);
    }

    /** Empty while Elasticsearch is not answering: the status must still say how far behind it is. */
    private List<String> indexesBehindAlias(String alias) {
        try {
            return List.copyOf(elasticsearch.indices().getAlias(a -> a.name(alias).allowNoIndices(true)
                    .ignoreUnavailable(true)).result().keySet());
        } catch (IOException | RuntimeException unavailable) {
            return List.of();
        }
    }

    public record Report(Duration lag, List<Shard> shards, String alias, List<String> indexes, List<String> building) {
        public Report {
            shards = List.copyOf(shards);
            indexes = List.copyOf(indexes);
            building = List.copyOf(building);
        }
    }

    public record Shard(int shard, Optional<ChangeLogCheckpoints.Checkpoint> checkpoint, Optional<String> owner) {
    }
}
