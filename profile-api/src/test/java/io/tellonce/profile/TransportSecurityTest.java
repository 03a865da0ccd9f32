package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.profileById;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.Eventually;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.profile.support.ServiceUnderTest;
import io.tellonce.profile.support.TestCertificates;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The service with mutual TLS on its gRPC port and TLS on its HTTP port (certificates from a
 * throw-away CA) and a tight per-caller rate limit: encrypted calls with a client certificate work,
 * anything else cannot connect, health answers over HTTPS, and a caller over its limit is told
 * RESOURCE_EXHAUSTED with when to retry.
 */
@MicronautTest
class TransportSecurityTest extends ServiceTest {
    private final TestCertificates certificates = TestCertificates.generate(Path.of("target", "tls-test").toAbsolutePath());
    private final List<ManagedChannel> opened = new ArrayList<>();
    private final int httpsPort = freePort();

    TransportSecurityTest() {
        super("tls_test");
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tellonce.tls.certificate-chain", certificates.serverCertificate().toString());
        properties.put("tellonce.tls.private-key", certificates.serverKey().toString());
        properties.put("tellonce.tls.client-ca", certificates.caCertificate().toString());
        properties.put("micronaut.server.ssl.enabled", "true");
        properties.put("micronaut.server.ssl.port", String.valueOf(httpsPort));
        properties.put("micronaut.server.ssl.key-store.path", "file:" + certificates.serverKeyStore());
        properties.put("micronaut.server.ssl.key-store.password", TestCertificates.KEY_STORE_PASSWORD);
        properties.put("micronaut.server.ssl.key-store.type", "PKCS12");
        properties.put("tellonce.security.calls-per-second", "1");
        properties.put("tellonce.security.burst", "3");
        return properties;
    }

    @AfterAll
    void closeChannels() {
        opened.forEach(ManagedChannel::shutdownNow);
    }

    private ManagedChannel tls(boolean withClientCertificate) throws SSLException {
        var ssl = GrpcSslContexts.forClient().trustManager(certificates.caCertificate().toFile());
        if (withClientCertificate) {
            ssl.keyManager(certificates.clientCertificate().toFile(), certificates.clientKey().toFile());
        }
        ManagedChannel channel = NettyChannelBuilder.forTarget(service.channel().authority()).overrideAuthority("localhost")
                .sslContext(ssl.build()).build();
        opened.add(channel);
        return channel;
    }

    private static ServingStatus health(ManagedChannel channel) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus();
    }

    @Test
    void callsOverMutualTlsWorkAndNothingElseConnects() throws SSLException {
        ManagedChannel mutual = tls(true);
        // The first store check runs on a schedule after start-up; until then health says NOT_SERVING.
        Eventually.await("health over mutual TLS", Duration.ofSeconds(30), () -> health(mutual),
                status -> status == ServingStatus.SERVING);
        assertThat(Failures.code(() -> health(tls(false)))).as("no client certificate").isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(Failures.code(() -> health(service.channel()))).as("plaintext").isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void theHttpPortAnswersOverTlsWithTheSameCertificateAuthority() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (var pem = Files.newInputStream(certificates.caCertificate())) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> liveness = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + httpsPort + "/health/liveness")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("UP");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aCallerOverItsRateLimitIsToldToRetryLaterWhileOthersGoOn() throws SSLException {
        ManagedChannel channel = tls(true);
        List<Status.Code> codes = new ArrayList<>();
        StatusRuntimeException limited = null;
        for (int i = 0; i < 6; i++) {
            try {
                ServiceUnderTest.asCaller(ProfileServiceGrpc.newBlockingStub(channel), "acme", "busy-desktop", "agent")
                        .getProfile(profileById(UUID.randomUUID().toString()));
                codes.add(Status.Code.OK);
            } catch (StatusRuntimeException e) {
                codes.add(e.getStatus().getCode());
                if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                    limited = e;
                }
            }
        }

        assertThat(codes).as("the burst passes (to NOT_FOUND), then the limit answers").startsWith(
                Status.Code.NOT_FOUND, Status.Code.NOT_FOUND, Status.Code.NOT_FOUND).contains(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(limited).isNotNull();
        assertThat(StatusProto.fromThrowable(limited).getDetailsList()).anySatisfy(detail ->
                assertThat(detail.is(RetryInfo.class)).isTrue());
        assertThat(Failures.code(() -> ServiceUnderTest.asCaller(ProfileServiceGrpc.newBlockingStub(channel), "acme",
                "quiet-desktop", "agent").getProfile(profileById(UUID.randomUUID().toString()))))
                .as("another caller is not limited by the busy one").isEqualTo(Status.Code.NOT_FOUND);
    }
}
