package io.tellonce.profile;

import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.identity.MergePolicy;
import io.tellonce.profile.config.MergePolicies;
import io.tellonce.profile.support.Requests;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.profile.support.ServiceUnderTest;
import io.tellonce.profile.support.GraphInvariants;
import io.tellonce.identity.TenantId;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.MoveIdentifierRequest;
import io.tellonce.proto.v1.ResolveOutcome;
import io.tellonce.proto.v1.ResolveRequest;
import io.tellonce.proto.v1.ResolveResponse;
import io.tellonce.proto.v1.UnmergeProfileRequest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Many callers on two service instances resolve overlapping identifiers at once, with unmerges and
 * identifier moves mixed in; afterwards every invariant of the graph holds. The size is a system property
 * ({@code tellonce.storm.observations}, default 2,000 in all) so CI stays quick and a longer storm is
 * one flag away: {@code ./mvnw -pl profile-api verify -Dtest=IdentityStormTest -Dtellonce.storm.observations=160000}.
 */
@MicronautTest
class IdentityStormTest extends ServiceTest {
    private static final int THREADS = 8;
    private static final String TENANT = "storm";

    private final ServiceUnderTest secondInstance = new ServiceUnderTest("it_storm");
    private ApplicationContext second;

    @Inject
    CqlSession session;

    @Inject
    MergePolicies policies;

    IdentityStormTest() {
        super("it_storm");
    }

    /**
     * The storm's small identifier space would make most values shared at the default of 5 and leave
     * few merges to race; at 20 both still happen, and both are checked.
     */
    private static java.util.Map<String, String> stormPolicy(java.util.Map<String, String> properties) {
        java.util.Map<String, String> withPolicy = new java.util.HashMap<>(properties);
        withPolicy.put("tellonce.identity.merge-policy.tenants." + TENANT + ".shared-after-profiles", "20");
        return withPolicy;
    }

    @Override
    public java.util.Map<String, String> getProperties() {
        return stormPolicy(super.getProperties());
    }

    @AfterAll
    void stopSecondInstance() throws InterruptedException {
        secondInstance.close();
        if (second != null) {
            second.close();
        }
    }

    @Test
    void overlappingObservationsOnTwoInstancesKeepEveryInvariant() throws Exception {
        second = ApplicationContext.run(EmbeddedServer.class, new java.util.HashMap<String, Object>(stormPolicy(secondInstance.properties())))
                .getApplicationContext();
        int total = Integer.getInteger("tellonce.storm.observations", 2_000);
        List<Identifier> space = identifierSpace();
        List<String> merges = new CopyOnWriteArrayList<>();
        Map<ResolveOutcome, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        Map<Status.Code, AtomicInteger> refusals = new EnumMap<>(Status.Code.class);
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                ServiceUnderTest target = t % 2 == 0 ? service : secondInstance;
                Random random = new Random(42 + t);
                work.add(callers.submit(() -> {
                    for (int i = 0; i < total / THREADS; i++) {
                        // A stub per call: its deadline counts from when it is made.
                        var identity = asTenant(IdentityServiceGrpc.newBlockingStub(target.channel()), TENANT);
                        try {
                            if (i % 40 == 39) {
                                identity.moveIdentifier(MoveIdentifierRequest.newBuilder()
                                        .setIdentifier(space.get(random.nextInt(space.size())))
                                        .setActor("storm").setReason("storm").build());
                                continue;
                            }
                            if (i % 25 == 24 && !merges.isEmpty()) {
                                identity.unmergeProfile(UnmergeProfileRequest.newBuilder()
                                        .setMergeId(merges.get(random.nextInt(merges.size())))
                                        .setActor("storm").setReason("storm").build());
                                continue;
                            }
                            ResolveResponse response = identity.resolve(observation(space, random));
                            outcomes.computeIfAbsent(response.getOutcome(), k -> new AtomicInteger()).incrementAndGet();
                            if (!response.getMergeId().isEmpty()) {
                                merges.add(response.getMergeId());
                            }
                        } catch (StatusRuntimeException e) {
                            synchronized (refusals) {
                                refusals.computeIfAbsent(e.getStatus().getCode(), k -> new AtomicInteger()).incrementAndGet();
                            }
                            // Contention (ABORTED), undoing an undone merge or moving an identifier that a
                            // profile's policy refuses (FAILED_PRECONDITION), and moving an identifier nobody
                            // owns yet (NOT_FOUND) are expected answers; nothing else is.
                            // So is an observation whose every identifier became shared (INVALID_ARGUMENT).
                            boolean allShared = e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
                                    && String.valueOf(e.getStatus().getDescription()).contains("is shared by at least");
                            if (e.getStatus().getCode() != Status.Code.ABORTED
                                    && e.getStatus().getCode() != Status.Code.FAILED_PRECONDITION
                                    && e.getStatus().getCode() != Status.Code.NOT_FOUND && !allShared) {
                                throw e;
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            callers.shutdownNow();
        }
        System.out.printf("storm: %d observations on 2 instances, outcomes %s, refusals %s, merges %d%n",
                total, outcomes, refusals, merges.size());

        MergePolicy policy = policies.apply(new TenantId(TENANT));
        assertThat(new GraphInvariants(session, TENANT).broken(policy)).isEmpty();
        assertThat(outcomes).containsKeys(ResolveOutcome.RESOLVE_OUTCOME_CREATED, ResolveOutcome.RESOLVE_OUTCOME_MATCHED,
                ResolveOutcome.RESOLVE_OUTCOME_MERGED);

        // The checker itself must be able to fail: point one node at a root that does not exist.
        var node = session.execute("SELECT node_id FROM identity_node WHERE tenant = 'storm' LIMIT 1 ALLOW FILTERING")
                .one().getUuid("node_id");
        session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                "UPDATE identity_node SET root_id = ? WHERE tenant = 'storm' AND node_id = ?",
                java.util.UUID.randomUUID(), node));
        assertThat(new GraphInvariants(session, TENANT).broken(policy))
                .anySatisfy(problem -> assertThat(problem).contains("node " + node + " has root"));
    }

    /** A small space, so that observations collide: 60 e-mails, 60 phones, 15 CRM ids. */
    private static List<Identifier> identifierSpace() {
        List<Identifier> space = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            space.add(Requests.email("storm" + i + "@example.com"));
            space.add(Requests.phone("+4477009" + (10_000 + i)));
        }
        for (int i = 0; i < 15; i++) {
            space.add(Requests.crm("STORM-" + i));
        }
        return space;
    }

    private static ResolveRequest observation(List<Identifier> space, Random random) {
        ResolveRequest.Builder request = ResolveRequest.newBuilder().setSourceSystem("storm");
        int size = 1 + random.nextInt(3);
        for (int i = 0; i < size; i++) {
            request.addIdentifiers(space.get(random.nextInt(space.size())));
        }
        return request.build();
    }
}
