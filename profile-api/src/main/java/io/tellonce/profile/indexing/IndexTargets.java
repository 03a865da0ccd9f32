package io.tellonce.profile.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tellonce.profile.config.ElasticsearchSettings;
import io.tellonce.search.IndexDefinition;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The indexes a change must reach, per index (profiles, interactions): the index behind the alias
 * (when it has the current mapping; otherwise the current version's own index, which a reindex will
 * move the alias to) and every index a reindex is building, so that the new index misses nothing
 * made during the rebuild.
 */
@Singleton
final class IndexTargets {
    private final ElasticsearchClient elasticsearch;
    private final CqlSession session;
    private final PreparedStatement selectBuilding;
    private final String prefix;

    IndexTargets(ElasticsearchClient elasticsearch, CqlSession session, ElasticsearchSettings settings) {
        this.elasticsearch = elasticsearch;
        this.session = session;
        this.prefix = settings.indexPrefix();
        this.selectBuilding = session.prepare("SELECT index_name FROM search_index_build WHERE alias = ?");
    }

    String prefix() {
        return prefix;
    }

    String alias(IndexDefinition definition) {
        return definition.alias(prefix);
    }

    /** Read fresh each time: a reindex registers its index before it starts copying. */
    List<String> current(IndexDefinition definition) throws IOException {
        Set<String> targets = new LinkedHashSet<>();
        String currentVersion = definition.indexName(prefix);
        var behindAlias = elasticsearch.indices().getAlias(a -> a.name(alias(definition)).allowNoIndices(true)
                .ignoreUnavailable(true)).result().keySet();
        behindAlias.stream().filter(index -> index.startsWith(currentVersion)).forEach(targets::add);
        if (targets.isEmpty()) {
            targets.add(currentVersion);
        }
        session.execute(selectBuilding.bind(alias(definition))).forEach(row -> targets.add(row.getString("index_name")));
        return List.copyOf(targets);
    }
}
