package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.seen;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.ServiceUnderTest.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.config.MergePolicies;
import io.tellonce.profile.support.GraphInvariants;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.profile.support.ServiceUnderTest;
import io.tellonce.profile.support.TestTokens;
import io.tellonce.proto.v1.GetIdentityGraphRequest;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.MergeProfilesRequest;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.UnmergeProfileRequest;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, part 5: a real kill -9 of a service process in the middle of a nested merge or of an
 * unmerge of a profile built by nested merges (A+B, then (A+B)+C). A second instance (this test's own
 * service, on the same keyspace) then reads the profiles, which finishes or rolls back whatever the
 * killed one left; afterwards the identity graph's invariants hold over the whole tenant.
 * {@code -Dtellonce.crash.kills=N} kills (3 here).
 */
@MicronautTest
class KilledServiceTest extends ServiceTest {
    private static final String TENANT = "killed";
    private static final int KILLS = Integer.getInteger("tellonce.crash.kills", 3);
    /** Short, so that the killed holder's locks expire within the test (ADR 21). */
    private static final String LOCK_TTL = "3s";

    @Inject
    CqlSession session;
    @Inject
    MergePolicies policies;

    KilledServiceTest() {
        super("it_killed");
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("tellonce.identity.profile-lock-ttl", LOCK_TTL);
        return properties;
    }

    /** The call a kill interrupts. */
    private enum Interrupted { UNMERGE_INNER, UNMERGE_OUTER, OUTER_MERGE }

    @Test
    void aServiceKilledMidMergeOrMidUnmergeLeavesAGraphTheNextReaderMakesWhole() throws Exception {
        long seed = Long.getLong("tellonce.crash.seed", new Random().nextLong());
        Random random = new Random(seed);
        String token = TestTokens.forTenant(TENANT);
        List<String> touched = new ArrayList<>();
        int midCall = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Interrupted which = Interrupted.values()[random.nextInt(Interrupted.values().length)];
            try (ChildService child = ChildService.start(service.properties(), LOCK_TTL)) {
                // One undisturbed run of the same call first: its duration is where the kill is aimed.
                long calibrated = nestedMergesThen(which, child, token, touched).toMillis();
                CompletableFuture<Void> interrupted = CompletableFuture.runAsync(() ->
                        nestedMergesThen(which, child, token, touched));
                // The nested merges before the call take about as long again: aim within the call itself.
                TimeUnit.MILLISECONDS.sleep(calibrated + random.nextInt((int) Math.max(1, calibrated * 2)));
                child.kill();
                try {
                    interrupted.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException diedUnderTheCall) {
                    midCall++;
                }
            }
            // Any instance that reads the profiles finishes or undoes what the killed one left.
            for (String id : touched) {
                readUntilSettled(id, token);
            }
        }

        System.out.printf("killed service: seed %d, %d kills, %d of them before the calls had answered%n", seed, KILLS,
                midCall);
        // The last killed holder's locks expire after their TTL; reads after that leave nothing pending.
        GraphInvariants invariants = new GraphInvariants(session, TENANT);
        Instant until = Instant.now().plus(Duration.ofSeconds(90));
        List<String> broken = invariants.broken(policies.apply(new TenantId(TENANT)));
        while (!broken.isEmpty() && Instant.now().isBefore(until)) {
            TimeUnit.SECONDS.sleep(1);
            for (String id : touched) {
                readUntilSettled(id, token);
            }
            broken = invariants.broken(policies.apply(new TenantId(TENANT)));
        }
        assertThat(broken).as("seed %d, %d kills", seed, KILLS).isEmpty();
    }

    /**
     * A+B, then (A+B)+C, through the child, then the interrupted call (or, for OUTER_MERGE, the outer
     * merge is the call); @return how long the last call took
     */
    private static Duration nestedMergesThen(Interrupted which, ChildService child, String token, List<String> touched) {
        IdentityServiceGrpc.IdentityServiceBlockingStub stub = withToken(IdentityServiceGrpc.newBlockingStub(child.channel),
                token);
        String a = stub.resolve(seen("web", email(uniqueEmail("killed-a")))).getProfileId();
        String b = stub.resolve(seen("web", email(uniqueEmail("killed-b")))).getProfileId();
        String c = stub.resolve(seen("web", email(uniqueEmail("killed-c")))).getProfileId();
        synchronized (touched) {
            touched.addAll(List.of(a, b, c));
        }
        String inner = withToken(IdentityServiceGrpc.newBlockingStub(child.channel), token).mergeProfiles(merge(a, b))
                .getMergeId();
        Instant started = Instant.now();
        if (which == Interrupted.OUTER_MERGE) {
            withToken(IdentityServiceGrpc.newBlockingStub(child.channel), token).mergeProfiles(merge(a, c));
            return Duration.between(started, Instant.now());
        }
        String outer = withToken(IdentityServiceGrpc.newBlockingStub(child.channel), token).mergeProfiles(merge(a, c))
                .getMergeId();
        started = Instant.now();
        withToken(IdentityServiceGrpc.newBlockingStub(child.channel), token).unmergeProfile(UnmergeProfileRequest
                .newBuilder().setMergeId(which == Interrupted.UNMERGE_INNER ? inner : outer).setActor("sup")
                .setReason("killed test").build());
        return Duration.between(started, Instant.now());
    }

    private void readUntilSettled(String profileId, String token) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                withToken(ProfileServiceGrpc.newBlockingStub(service.channel()), token).getProfile(
                        GetProfileRequest.newBuilder().setLookup(ProfileLookup.newBuilder().setProfileId(profileId)).build());
                withToken(IdentityServiceGrpc.newBlockingStub(service.channel()), token).getIdentityGraph(
                        GetIdentityGraphRequest.newBuilder().setLookup(ProfileLookup.newBuilder().setProfileId(profileId))
                                .build());
                return;
            } catch (StatusRuntimeException e) {
                // A lock the killed process held is still there until its TTL: that is the retryable answer.
                Status.Code code = e.getStatus().getCode();
                if (!(code == Status.Code.ABORTED || code == Status.Code.UNAVAILABLE)
                        || Instant.now().isAfter(until)) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
    }

    private static MergeProfilesRequest merge(String one, String other) {
        return MergeProfilesRequest.newBuilder().addProfileIds(one).addProfileIds(other).setActor("sup")
                .setReason("killed test").build();
    }

    /** The service in a JVM of its own on the same keyspace and index prefix, to be killed with SIGKILL. */
    private static final class ChildService implements AutoCloseable {
        private final Process process;
        private final ManagedChannel channel;

        private ChildService(Process process, int grpcPort) {
            this.process = process;
            this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        }

        static ChildService start(Map<String, String> properties, String lockTtl) throws IOException, InterruptedException {
            int grpcPort = ServiceUnderTest.freePort();
            int httpPort = ServiceUnderTest.freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx256m");
            properties.forEach((key, value) -> {
                if (!key.equals("grpc.server.port") && !key.equals("micronaut.server.port")) {
                    command.add("-D" + key + "=" + value);
                }
            });
            command.add("-Dgrpc.server.port=" + grpcPort);
            command.add("-Dmicronaut.server.port=" + httpPort);
            command.add("-Dtellonce.identity.profile-lock-ttl=" + lockTtl);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Application.class.getName());
            File log = Path.of("target", "killed-service-" + grpcPort + ".log").toFile();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            ChildService child = new ChildService(process, grpcPort);
            child.awaitReady(httpPort, log);
            return child;
        }

        private void awaitReady(int httpPort, File log) throws InterruptedException {
            HttpClient http = HttpClient.newHttpClient();
            Instant until = Instant.now().plus(Duration.ofSeconds(120));
            while (Instant.now().isBefore(until)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the child service exited; see " + log);
                }
                try {
                    HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                            + "/health/readiness")).build(), HttpResponse.BodyHandlers.discarding());
                    if (ready.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
            throw new IllegalStateException("the child service did not become ready; see " + log);
        }

        /** SIGKILL: no shutdown hook, no finally, no unlock. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            kill();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
