package io.tellonce.profile.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.tellonce.profile.config.ElasticsearchSettings;
import io.tellonce.search.IndexBootstrap;
import io.tellonce.search.DocumentWriter;
import io.tellonce.search.InteractionIndex;
import io.tellonce.search.ProfileIndex;
import jakarta.inject.Named;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.tellonce.search.SearchIndexes;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * The Elasticsearch client. Elasticsearch is a derived index, so unlike Cassandra it is not needed
 * to start: indexes are created by the health check as soon as it answers.
 */
@Factory
final class ElasticsearchFactory {
    private static final Pattern PREFIX = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,40}$");

    @Singleton
    @Bean(preDestroy = "close")
    RestClient restClient(ElasticsearchSettings settings) {
        int timeoutMillis = Math.toIntExact(settings.requestTimeout().toMillis());
        return RestClient.builder(HttpHost.create(settings.url()))
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout(timeoutMillis)
                        .setSocketTimeout(timeoutMillis))
                .build();
    }

    @Singleton
    ElasticsearchClient elasticsearchClient(RestClient restClient) {
        return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
    }

    @Singleton
    ProfileIndex profileIndex(ElasticsearchClient client, ElasticsearchSettings settings) {
        return new ProfileIndex(client, SearchIndexes.PROFILES.alias(settings.indexPrefix()));
    }

    @Singleton
    DocumentWriter documentWriter(ElasticsearchClient client) {
        return new DocumentWriter(client);
    }

    @Singleton
    InteractionIndex interactionIndex(ElasticsearchClient client, ElasticsearchSettings settings) {
        return new InteractionIndex(client, SearchIndexes.INTERACTIONS.alias(settings.indexPrefix()));
    }

    /** Searches wait on Elasticsearch's answer off the gRPC threads; bounded so that a slow index sheds load. */
    @Singleton
    @Named("search")
    @Bean(preDestroy = "shutdown")
    ExecutorService searchThreads() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(8, 8, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1_000), runnable -> {
            Thread thread = new Thread(runnable, "search-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Singleton
    IndexBootstrap indexBootstrap(ElasticsearchClient client, ElasticsearchSettings settings) {
        if (!PREFIX.matcher(settings.indexPrefix()).matches()) {
            throw new IllegalArgumentException("tellonce.elasticsearch.index-prefix must be 1-41 lower-case letters,"
                    + " digits, '_' or '-'; got " + settings.indexPrefix());
        }
        return new IndexBootstrap(client, settings.indexPrefix(), SearchIndexes.CURRENT);
    }
}
