package io.tellonce.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
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
import io.tellonce.profile.support.ServiceUnderTest;
import io.tellonce.profile.support.TestTokens;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierKind;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.ResolveRequest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, part 4: the whole contract fuzzed against the real stores. Every RPC of every service
 * (from the descriptors, so a new RPC is covered without editing this test) gets random requests,
 * mutations of a valid request naming a real person, and garbage bytes, as every role in turn and as
 * a caller with all of them. Pass: no INTERNAL or UNKNOWN (nor the codes no valid request can earn), no
 * unary call past its deadline, every time in every answer in the contract's millisecond precision, the
 * identity graph's invariants over the whole tenant afterwards, and a healthy service.
 *
 * <p>{@code -Dtellonce.fuzz.calls=N} calls per RPC (200 here; a longer run is documented in
 * SECURITY.md), {@code -Dtellonce.fuzz.seed} replays a run (the seed is printed on failure).
 */
@MicronautTest
class RandomRequestsTest extends ServiceTest {
    private static final String TENANT = "fuzz";
    private static final int CALLS_PER_RPC = Integer.getInteger("tellonce.fuzz.calls", 200);
    /** Codes no request may earn, whoever sends it. */
    private static final Set<Status.Code> NEVER = Set.of(Status.Code.INTERNAL, Status.Code.UNKNOWN,
            Status.Code.DATA_LOSS, Status.Code.UNIMPLEMENTED, Status.Code.UNAUTHENTICATED);

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
    void randomMutatedAndMalformedRequestsFromEveryRoleNeverBreakTheService() {
        long seed = Long.getLong("tellonce.fuzz.seed", new Random().nextLong());
        RandomRequests requests = new RandomRequests(seed);
        Random choice = new Random(seed);
        String email = "fuzz-person-" + Long.toHexString(seed) + "@example.com";
        String profileId = ServiceUnderTest.asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), TENANT)
                .resolve(ResolveRequest.newBuilder().addIdentifiers(Identifier.newBuilder()
                        .setKind(IdentifierKind.IDENTIFIER_KIND_EMAIL).setValue(email)).build()).getProfileId();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("all roles", TestTokens.forTenant(TENANT));
        TestTokens.ALL_ROLES.forEach(role -> callers.put(role, TestTokens.forRoles(TENANT, "fuzz-" + role, List.of(role))));
        List<String> callerNames = List.copyOf(callers.keySet());

        List<String> broken = new ArrayList<>();
        Map<String, Map<Status.Code, Integer>> seen = new TreeMap<>();
        for (Rpc rpc : AnyRpc.served(services)) {
            byte[] valid = AnyRpc.naming(rpc, profileId, email);
            Descriptor input = rpc.proto().getInputType();
            for (int i = 0; i < CALLS_PER_RPC; i++) {
                byte[] request = switch (i % 8) {
                    case 7 -> requests.garbage();
                    case 0, 2, 4 -> requests.mutated(input, valid);
                    default -> requests.of(input);
                };
                String caller = callerNames.get(i % 3 == 0 ? 0 : choice.nextInt(callerNames.size()));
                Outcome outcome = AnyRpc.call(service.channel(), rpc, request, callers.get(caller), null);
                seen.computeIfAbsent(rpc.fullName(), name -> new EnumMap<>(Status.Code.class))
                        .merge(outcome.code(), 1, Integer::sum);
                String problem = problem(rpc, caller, outcome);
                if (problem != null) {
                    broken.add(rpc + " call " + i + " as " + caller + ": " + problem);
                }
            }
        }

        System.out.printf("fuzz seed %d, %d calls per RPC, answers per RPC: %s%n", seed, CALLS_PER_RPC, seen);
        assertThat(broken).as("seed %d; answers seen %s", seed, seen).isEmpty();
        assertThat(new GraphInvariants(session, TENANT).broken(policies.apply(new TenantId(TENANT))))
                .as("seed %d", seed).isEmpty();
        assertThat(HealthGrpc.newBlockingStub(service.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
        int invalid = seen.values().stream().mapToInt(codes -> codes.getOrDefault(Status.Code.INVALID_ARGUMENT, 0)).sum();
        int ok = seen.values().stream().mapToInt(codes -> codes.getOrDefault(Status.Code.OK, 0)).sum();
        assertThat(ok).as("mutations of valid requests get through: answers seen %s", seen).isGreaterThan(0);
        assertThat(invalid).as("most random requests are refused").isGreaterThan(ok);
    }

    /** What is wrong with the outcome, or null. */
    private static String problem(Rpc rpc, String caller, Outcome outcome) {
        if (NEVER.contains(outcome.code())) {
            return outcome.toString();
        }
        if (outcome.code() == Status.Code.PERMISSION_DENIED && caller.equals("all roles")) {
            return "a caller with every role was refused: " + outcome;
        }
        // A watch ends at the caller's deadline by design; any other call must answer before it.
        if (outcome.code() == Status.Code.DEADLINE_EXCEEDED && rpc.type() == MethodDescriptor.MethodType.UNARY) {
            return "no answer before the deadline";
        }
        for (byte[] response : outcome.responses()) {
            String precision = finerThanMilliseconds(rpc.proto().getOutputType(), response);
            if (precision != null) {
                return precision;
            }
        }
        return null;
    }

    /** The first time in the answer that is not a whole number of milliseconds, or null. */
    private static String finerThanMilliseconds(Descriptor type, byte[] response) {
        try {
            return finerThanMilliseconds(DynamicMessage.parseFrom(type, response), "");
        } catch (InvalidProtocolBufferException e) {
            return "an answer that is not a " + type.getFullName();
        }
    }

    private static String finerThanMilliseconds(Message message, String path) {
        if (message.getDescriptorForType().getFullName().equals("google.protobuf.Timestamp")) {
            int nanos = (Integer) message.getField(message.getDescriptorForType().findFieldByName("nanos"));
            return nanos % 1_000_000 == 0 ? null : path + " has nanoseconds " + nanos;
        }
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            List<?> values = field.getKey().isRepeated() ? (List<?>) field.getValue() : List.of(field.getValue());
            for (Object value : values) {
                String found = finerThanMilliseconds((Message) value, path + "." + field.getKey().getName());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
