package io.tellonce.profile.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Where Elasticsearch is. {@code indexPrefix} lets several deployments (or test runs) share one cluster.
 */
@ConfigurationProperties("tellonce.elasticsearch")
public record ElasticsearchSettings(String url, String indexPrefix, Duration requestTimeout) {
}
