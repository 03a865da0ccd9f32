package io.tellonce.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates each current index version with its alias, once. Safe to run from every service instance
 * at every start: existing indexes are left as they are, and a concurrent creation by another
 * instance counts as success.
 */
public final class IndexBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBootstrap.class);

    private final ElasticsearchClient client;
    private final String prefix;
    private final List<IndexDefinition> definitions;

    public IndexBootstrap(ElasticsearchClient client, String prefix, List<IndexDefinition> definitions) {
        this.client = client;
        this.prefix = prefix;
        this.definitions = List.copyOf(definitions);
    }

    /** @return true when every index and alias exists afterwards */
    public boolean ensureIndexes() throws IOException {
        for (IndexDefinition definition : definitions) {
            ensure(definition);
        }
        return indexesReady();
    }

    /** Whether every current index version exists and its alias points at an index. */
    public boolean indexesReady() throws IOException {
        for (IndexDefinition definition : definitions) {
            if ((!currentVersionServes(definition) && !client.indices().exists(e -> e.index(definition.indexName(prefix))).value())
                    || !client.indices().existsAlias(e -> e.name(definition.alias(prefix))).value()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the alias is on an index of the current version: the one this class creates, or one a
     * reindex built from it ({@code <index>-<time>}). Then there is nothing to create: creating the
     * plain name again would leave an index that nothing reads or erases (issue 17).
     */
    private boolean currentVersionServes(IndexDefinition definition) throws IOException {
        String index = definition.indexName(prefix);
        String alias = definition.alias(prefix);
        if (!client.indices().existsAlias(e -> e.name(alias)).value()) {
            return false;
        }
        return client.indices().getAlias(a -> a.name(alias)).result().keySet().stream()
                .anyMatch(name -> name.equals(index) || name.startsWith(index + "-"));
    }

    private void ensure(IndexDefinition definition) throws IOException {
        String index = definition.indexName(prefix);
        String alias = definition.alias(prefix);
        if (client.indices().exists(e -> e.index(index)).value() || currentVersionServes(definition)) {
            return;
        }
        boolean aliasTaken = client.indices().existsAlias(e -> e.name(alias)).value();
        try {
            client.indices().create(c -> {
                c.index(index).withJson(new StringReader(definition.body()));
                // An alias on an older version stays until a reindex moves it: the new, empty index
                // must not start answering searches.
                return aliasTaken ? c : c.aliases(alias, a -> a.isWriteIndex(true));
            });
            LOG.info("created index {}{}", index, aliasTaken ? " (alias " + alias + " left on its current index)"
                    : " behind alias " + alias);
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }
}
