package io.tellonce.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.Eventually;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.devstack.SharedStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.tellonce.search.SearchIndexes;
import org.junit.jupiter.api.Test;

/** What operators and tools see: gRPC health, reflection, HTTP readiness, metrics, and the search indexes. */
@MicronautTest
class HealthAndReflectionTest extends ServiceTest {
    HealthAndReflectionTest() {
        super("it_health");
    }
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthIsServingForTheServerAndEachServiceOnceTheStoresAnswer() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(service.channel());
        for (String name : List.of("", "tellonce.v1.IdentityService", "tellonce.v1.ProfileService")) {
            Eventually.await("health of '" + name + "'", Duration.ofSeconds(30),
                    () -> health.check(HealthCheckRequest.newBuilder().setService(name).build()).getStatus(),
                    status -> status == ServingStatus.SERVING);
        }
    }

    @Test
    void reflectionListsTheServicesWithoutProtoFiles() throws Exception {
        CompletableFuture<List<String>> services = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(service.channel())
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        services.complete(response.getListServicesResponse().getServiceList().stream()
                                .map(ServiceResponse::getName).toList());
                    }

                    @Override
                    public void onError(Throwable t) {
                        services.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();

        assertThat(services.get(10, TimeUnit.SECONDS)).contains("tellonce.v1.IdentityService",
                "tellonce.v1.ProfileService", "grpc.health.v1.Health");
    }

    @Test
    void readinessIsUpAndJvmAndGrpcMetricsArePublishedForPrometheus() {
        HealthGrpc.newBlockingStub(service.channel()).check(HealthCheckRequest.getDefaultInstance());
        HttpResponse<String> ready = Eventually.await("readiness", Duration.ofSeconds(30),
                () -> get(service.httpUrl() + "/health/readiness"), response -> response.statusCode() == 200);
        assertThat(ready.body()).contains("UP");
        assertThat(get(service.httpUrl() + "/health/liveness").statusCode()).isEqualTo(200);

        HttpResponse<String> metrics = get(service.httpUrl() + "/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes")
                .containsPattern("grpc_server_processing_duration_seconds_count\\{[^}]*method=\"Check\"");
    }

    @Test
    void theProfileIndexExistsInItsVersionBehindItsAlias() {
        String prefix = service.namespace() + "_";
        HttpResponse<String> alias = Eventually.await("profile alias", Duration.ofSeconds(30),
                () -> get(SharedStores.get().elasticsearch().url() + "/_alias/" + prefix + "profiles"),
                response -> response.statusCode() == 200);
        assertThat(alias.body()).contains("\"" + SearchIndexes.PROFILES.indexName(prefix) + "\"")
                .contains("profiles-v5");
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
