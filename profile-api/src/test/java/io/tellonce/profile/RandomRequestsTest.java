package io.tellonce.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.config.MergePolicies;
import io.tellonce.profile.support.AnyRpc;
import io.tellonce.profile.support.AnyRpc.Outcome;
import io.tellonce.profile.support.AnyRpc.Rpc;
import io.tellonce.profile.support.GraphInvariants;
import io.tellonce.profile.support.RandomRequests;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.profile.support.TestTokens;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Random and malformed requests to every RPC the service serves, with a token that may call them
 * all: never INTERNAL or UNKNOWN, the identity graph keeps its invariants, and the service stays
 * healthy. The seed is printed on failure so a run can be replayed (-Dtellonce.fuzz.seed).
 */
@MicronautTest
class RandomRequestsTest extends ServiceTest {
    private static final String TENANT = "fuzz";
    private static final int CALLS_PER_RPC = 40;
    private static final Set<Status.Code> NEVER = Set.of(Status.Code.INTERNAL, Status.Code.UNKNOWN,
            Status.Code.DATA_LOSS, Status.Code.UNIMPLEMENTED, Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED);

    @Inject
    List<BindableService> services;
    @Inject
    CqlSession session;
    @Inject
    MergePolicies policies;

    RandomRequestsTest() {
        super("fuzz_test");
    }

    @Test
    void randomAndMalformedRequestsNeverBreakTheService() {
        long seed = Long.getLong("tellonce.fuzz.seed", new Random().nextLong());
        RandomRequests requests = new RandomRequests(seed);
        String token = TestTokens.forTenant(TENANT);
        List<String> broken = new ArrayList<>();
        Map<Status.Code, Integer> seen = new EnumMap<>(Status.Code.class);
        for (Rpc rpc : AnyRpc.served(services)) {
            for (int i = 0; i < CALLS_PER_RPC; i++) {
                byte[] request = i % 8 == 7 ? requests.garbage() : requests.of(rpc.proto().getInputType());
                Outcome outcome = AnyRpc.call(service.channel(), rpc, request, token, null);
                seen.merge(outcome.code(), 1, Integer::sum);
                if (NEVER.contains(outcome.code())) {
                    broken.add(rpc + " call " + i + ": " + outcome);
                }
            }
        }

        assertThat(broken).as("seed %d; answers seen %s", seed, seen).isEmpty();
        assertThat(new GraphInvariants(session, TENANT).broken(policies.apply(new TenantId(TENANT))))
                .as("seed %d", seed).isEmpty();
        assertThat(HealthGrpc.newBlockingStub(service.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
        assertThat(seen.getOrDefault(Status.Code.INVALID_ARGUMENT, 0)).as("most random requests are refused")
                .isGreaterThan(seen.getOrDefault(Status.Code.OK, 0));
    }
}
