package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.DirectElasticsearch;
import io.tellonce.profile.support.Eventually;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.profile.support.ServiceUnderTest;
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
import java.net.URLEncoder;
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

    private final DirectElasticsearch direct = new DirectElasticsearch();
    private TcpProxy elasticsearch;

    IndexingOutageTest() {
        super("it_index_outage");
    }

    @Override
    public Map<String, String> getProperties() {
        elasticsearch = ServiceUnderTest.elasticsearchProxy();
        Map<String, String> properties = service.propertiesBehind(elasticsearch);
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
        direct.send(HttpRequest.newBuilder(direct.uri("/" + service.namespace() + "_profiles/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> response = direct.send(HttpRequest.newBuilder(direct.uri("/" + service.namespace() + "_profiles/_count"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"term\":{\"tenant\":\"acme\"}}}")).build());
        try {
            return JSON.readTree(response.body()).path("count").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path) {
        return direct.send(HttpRequest.newBuilder(direct.uri(path)).GET().build());
    }
}
