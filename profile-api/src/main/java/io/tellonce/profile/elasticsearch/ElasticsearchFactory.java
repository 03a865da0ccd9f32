package io.tellonce.profile.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.tellonce.profile.config.ElasticsearchSettings;
import io.tellonce.search.IndexBootstrap;
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
    IndexBootstrap indexBootstrap(ElasticsearchClient client, ElasticsearchSettings settings) {
        if (!PREFIX.matcher(settings.indexPrefix()).matches()) {
            throw new IllegalArgumentException("tellonce.elasticsearch.index-prefix must be 1-41 lower-case letters,"
                    + " digits, '_' or '-'; got " + settings.indexPrefix());
        }
        return new IndexBootstrap(client, settings.indexPrefix(), SearchIndexes.CURRENT);
    }
}
