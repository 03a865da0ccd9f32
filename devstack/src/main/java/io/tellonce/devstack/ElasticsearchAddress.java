package io.tellonce.devstack;

/**
 * Base URL of an Elasticsearch HTTP endpoint without a trailing slash, e.g. {@code http://127.0.0.1:9200}.
 */
public record ElasticsearchAddress(String url) {

    public ElasticsearchAddress {
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return url;
    }
}
