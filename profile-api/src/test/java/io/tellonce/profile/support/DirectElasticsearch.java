package io.tellonce.profile.support;

import io.tellonce.devstack.SharedStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests straight to the shared Elasticsearch, not through the service or a test's proxy. */
public final class DirectElasticsearch {
    private final HttpClient http = HttpClient.newHttpClient();

    public URI uri(String path) {
        return URI.create(SharedStores.get().elasticsearch().url() + path);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
