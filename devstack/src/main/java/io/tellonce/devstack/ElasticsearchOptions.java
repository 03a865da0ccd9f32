package io.tellonce.devstack;

import java.time.Duration;

/**
 * How to run a local Elasticsearch. A port of 0 means: the port recorded by an earlier run in the same
 * folder if it is still free, otherwise a free port chosen at random.
 *
 * @param httpPort      REST port
 * @param transportPort node-to-node port
 * @param heap          value for -Xms and -Xmx, e.g. {@code 512m}
 * @param startTimeout  how long to wait for {@code _cluster/health} to be green or yellow
 */
public record ElasticsearchOptions(int httpPort, int transportPort, String heap, Duration startTimeout) {

    public static ElasticsearchOptions defaults() {
        return new ElasticsearchOptions(0, 0, "512m", Duration.ofSeconds(120));
    }

    public ElasticsearchOptions withHttpPort(int port) {
        return new ElasticsearchOptions(port, transportPort, heap, startTimeout);
    }

    public ElasticsearchOptions withTransportPort(int port) {
        return new ElasticsearchOptions(httpPort, port, heap, startTimeout);
    }

    public ElasticsearchOptions withHeap(String size) {
        return new ElasticsearchOptions(httpPort, transportPort, size, startTimeout);
    }

    public ElasticsearchOptions withStartTimeout(Duration timeout) {
        return new ElasticsearchOptions(httpPort, transportPort, heap, timeout);
    }
}
