package io.tellonce.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** Plain HTTP GETs with short timeouts, for readiness checks (curl may not be installed). */
final class HttpProbe {

    private static final Pattern HEALTHY = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");

    record Answer(int status, String body) {
    }

    private HttpProbe() {
    }

    /** The answer, or empty when nothing answered (refused, reset, timed out). */
    static Optional<Answer> get(URI uri, Duration timeout) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return Optional.of(new Answer(response.statusCode(), response.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * True when {@code _cluster/health} says green or yellow. Not {@code GET /}: the minimal distribution
     * has no rest-root module and answers it with 405.
     */
    static boolean elasticsearchHealthy(ElasticsearchAddress address, Duration timeout) {
        return get(URI.create(address.url() + "/_cluster/health"), timeout)
                .filter(answer -> answer.status() == 200)
                .map(answer -> HEALTHY.matcher(answer.body()).find())
                .orElse(false);
    }
}
