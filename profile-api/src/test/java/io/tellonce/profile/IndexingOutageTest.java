package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.devstack.SharedStores;
import io.tellonce.devstack.StoreSet;
import io.tellonce.profile.support.Eventually;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.profile.support.TcpProxy;
import io.tellonce.proto.v1.GetIndexStatusRequest;
import io.tellonce.proto.v1.GetIndexStatusResponse;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.MergeProfilesRequest;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.Profile;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.ResolveRequest;
import io.tellonce.proto.v1.SearchServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Elasticsearch going away during a stream of writes: the writes keep succeeding, the index status
 * shows the lag growing, and when Elasticsearch returns the index catches up until it matches
 * Cassandra record by record: every current profile once, as Cassandra has it, no absorbed one.
 */
@MicronautTest
class IndexingOutageTest extends ServiceTest {
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private TcpProxy elasticsearch;

    IndexingOutageTest() {
        super("it_index_outage");
    }

    @Override
    public Map<String, String> getProperties() {
        StoreSet stores = SharedStores.get();
        try {
            URI es = URI.create(stores.elasticsearch().url());
            elasticsearch = new TcpProxy(es.getHost(), es.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new java.util.HashMap<>(service.properties(
                stores.cassandra().contactPoint(), "http://127.0.0.1:" + elasticsearch.port()));
        properties.put("tellonce.indexing.max-backoff", "1s");
        properties.put("tellonce.elasticsearch.request-timeout", "2s");
        return properties;
    }

    @AfterAll
    void closeProxy() throws IOException {
        elasticsearch.close();
    }

    private String person(String name) {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme")
                .resolve(ResolveRequest.newBuilder().setSourceSystem("shop").addIdentifiers(email(uniqueEmail(name)))
                        .setAttributes(PersonAttributes.newBuilder().setGivenName(name).setFamilyName("Outage"))
                        .build()).getProfileId();
    }

    private GetIndexStatusResponse status() {
        return asTenant(SearchServiceGrpc.newBlockingStub(service.channel()), "acme")
                .getIndexStatus(GetIndexStatusRequest.getDefaultInstance());
    }

    @Test
    void writesSurviveAnOutageAndTheIndexCatchesUpToMatchCassandra() throws Exception {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(person("before" + i));
        }
        Eventually.await("indexed before the outage", CATCH_UP, () -> documentCount(), count -> count == 5);

        elasticsearch.cut();
        for (int i = 0; i < 40; i++) {
            written.add(person("during" + i));
        }
        String survivor = asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme")
                .mergeProfiles(MergeProfilesRequest.newBuilder().addProfileIds(written.get(5))
                        .addProfileIds(written.get(6)).setActor("sup").setReason("same person").build()).getProfileId();
        Eventually.await("the lag grows while Elasticsearch is away", CATCH_UP, this::status,
                status -> status.getLag().getSeconds() >= 3);

        elasticsearch.restore();
        Set<String> current = currentProfiles(written);
        assertThat(current).hasSize(44).contains(survivor);
        Eventually.await("the index matches Cassandra", CATCH_UP, () -> mismatches(written, current), List::isEmpty);
        assertThat(documentCount()).as("every current profile once, no absorbed one").isEqualTo(current.size());
        assertThat(status().getLag().getSeconds()).isLessThan(3);
    }

    private Set<String> currentProfiles(List<String> written) {
        Set<String> current = new LinkedHashSet<>();
        written.forEach(id -> current.add(profile(id).getProfileId()));
        return current;
    }

    private Profile profile(String id) {
        return asTenant(ProfileServiceGrpc.newBlockingStub(service.channel()), "acme")
                .getProfile(GetProfileRequest.newBuilder().setLookup(ProfileLookup.newBuilder().setProfileId(id))
                        .build()).getProfile();
    }

    /** What differs between Cassandra (through GetProfile) and the documents in Elasticsearch. */
    private List<String> mismatches(List<String> written, Set<String> current) {
        List<String> problems = new ArrayList<>();
        for (String id : written) {
            JsonNode document = document(id);
            if (!current.contains(id)) {
                if (document != null) {
                    problems.add(id + " was absorbed by a merge but is still indexed");
                }
                continue;
            }
            Profile profile = profile(id);
            if (document == null) {
                problems.add(id + " is not indexed");
                continue;
            }
            List<String> emails = new ArrayList<>();
            document.path("emails").forEach(e -> emails.add(e.asText()));
            List<String> expected = profile.getIdentifiersList().stream()
                    .map(listed -> listed.getIdentifier().getValue()).toList();
            if (!emails.containsAll(expected) || emails.size() != expected.size()) {
                problems.add(id + " has e-mails " + emails + " in the index but " + expected + " in Cassandra");
            }
        }
        return problems;
    }

    private JsonNode document(String profileId) {
        String id = URLEncoder.encode("acme/" + profileId, StandardCharsets.UTF_8);
        HttpResponse<String> response = get("/" + service.namespace() + "_profiles/_doc/" + id);
        if (response.statusCode() == 404) {
            return null;
        }
        try {
            return JSON.readTree(response.body()).path("_source");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long documentCount() {
        send(HttpRequest.newBuilder(esUri("/" + service.namespace() + "_profiles/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> response = send(HttpRequest.newBuilder(esUri("/" + service.namespace() + "_profiles/_count"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"term\":{\"tenant\":\"acme\"}}}")).build());
        try {
            return JSON.readTree(response.body()).path("count").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(esUri(path)).GET().build());
    }

    /** Straight to the real Elasticsearch, not through the service's relay. */
    private URI esUri(String path) {
        return URI.create(SharedStores.get().elasticsearch().url() + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
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
