package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.phone;
import static io.tellonce.profile.support.Requests.profileById;
import static io.tellonce.profile.support.Requests.seen;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.Requests.uniquePhone;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.grpc.Status;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.cassandra.ClusterSteps;
import io.tellonce.profile.config.MergePolicies;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.GraphInvariants;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.Profile;
import io.tellonce.proto.v1.ProfileIdentifier;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.ResolveOutcome;
import io.tellonce.proto.v1.ResolveResponse;
import io.tellonce.proto.v1.UnmergeProfileRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A merge or unmerge stopped between two of its writes (as a killed process would stop it) is
 * finished by the next read of the profile, and the graph's invariants hold afterwards.
 */
@MicronautTest
class InterruptedOperationsTest extends ServiceTest {
    private static final String CRASHING = "tellonce.test.crashing-cluster-steps";
    private final AtomicInteger tenants = new AtomicInteger();

    @Inject
    CrashingSteps crashes;

    @Inject
    CqlSession session;

    @Inject
    MergePolicies policies;

    InterruptedOperationsTest() {
        super("it_crash");
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(CRASHING, "true");
        return properties;
    }

    /** Stops the operation at the armed step, once, by throwing where the next write would be. */
    @Singleton
    @Replaces(ClusterSteps.class)
    @Requires(property = CRASHING, value = "true")
    static class CrashingSteps extends ClusterSteps {
        private volatile String armed;

        void arm(String step) {
            armed = step;
        }

        @Override
        public void reached(String step) {
            if (step.equals(armed)) {
                armed = null;
                throw new IllegalStateException("simulated crash at: " + step);
            }
        }
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity(String tenant) {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), tenant);
    }

    private Profile profile(String tenant, String id) {
        return asTenant(ProfileServiceGrpc.newBlockingStub(service.channel()), tenant).getProfile(profileById(id))
                .getProfile();
    }

    @ParameterizedTest
    @ValueSource(strings = {ClusterSteps.MERGE_RECORDED, ClusterSteps.MERGE_MEMBER_MOVED,
            ClusterSteps.MERGE_PROFILE_ABSORBED, ClusterSteps.PARTLY_CLEARED})
    void aMergeStoppedAtAnyStepIsFinishedByTheNextRead(String step) {
        String tenant = "crash" + tenants.incrementAndGet();
        Identifier first = email(uniqueEmail("mia"));
        Identifier second = phone(uniquePhone());
        String older = identity(tenant).resolve(seen("web", first)).getProfileId();
        String newer = identity(tenant).resolve(seen("app", second)).getProfileId();

        crashes.arm(step);
        assertThat(Failures.code(() -> identity(tenant).resolve(seen("shop", first, second))))
                .isEqualTo(Status.Code.INTERNAL);

        Profile merged = profile(tenant, newer);
        assertThat(merged.getProfileId()).isEqualTo(older);
        assertThat(merged.getIdentifiersList()).extracting(ProfileIdentifier::getIdentifier)
                .containsExactlyInAnyOrder(first, second);
        assertThat(new GraphInvariants(session, tenant).broken(policies.apply(new TenantId(tenant)))).isEmpty();
    }

    /**
     * Stopped after marking the first of the two profiles and before the last (ADR 21): the merge never
     * committed, so the next read takes the mark off and the profiles stay apart; the observation merges
     * them when it comes again.
     */
    @Test
    void aMergeStoppedBeforeItsLastMarkNeverHappened() {
        String tenant = "crash" + tenants.incrementAndGet();
        Identifier first = email(uniqueEmail("ida"));
        Identifier second = phone(uniquePhone());
        String older = identity(tenant).resolve(seen("web", first)).getProfileId();
        String newer = identity(tenant).resolve(seen("app", second)).getProfileId();

        crashes.arm(ClusterSteps.PARTLY_MARKED);
        assertThat(Failures.code(() -> identity(tenant).resolve(seen("shop", first, second))))
                .isEqualTo(Status.Code.INTERNAL);

        assertThat(profile(tenant, older).getIdentifiersList()).extracting(ProfileIdentifier::getIdentifier)
                .containsExactly(first);
        assertThat(profile(tenant, newer).getIdentifiersList()).extracting(ProfileIdentifier::getIdentifier)
                .containsExactly(second);
        assertThat(new GraphInvariants(session, tenant).broken(policies.apply(new TenantId(tenant)))).isEmpty();
        assertThat(identity(tenant).resolve(seen("shop", first, second)).getOutcome())
                .isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_MERGED);
    }

    @ParameterizedTest
    @ValueSource(strings = {ClusterSteps.UNMERGE_RECORDED, ClusterSteps.UNMERGE_MEMBER_MOVED})
    void anUnmergeStoppedAtAnyStepIsFinishedByTheNextRead(String step) {
        String tenant = "crash" + tenants.incrementAndGet();
        Identifier first = email(uniqueEmail("noa"));
        Identifier second = phone(uniquePhone());
        String older = identity(tenant).resolve(seen("web", first)).getProfileId();
        String newer = identity(tenant).resolve(seen("app", second)).getProfileId();
        ResolveResponse merged = identity(tenant).resolve(seen("shop", first, second));
        assertThat(merged.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_MERGED);

        crashes.arm(step);
        assertThat(Failures.code(() -> identity(tenant).unmergeProfile(UnmergeProfileRequest.newBuilder()
                .setMergeId(merged.getMergeId()).setActor("supervisor").setReason("test").build())))
                .isEqualTo(Status.Code.INTERNAL);

        assertThat(profile(tenant, newer).getIdentifiersList()).extracting(ProfileIdentifier::getIdentifier)
                .containsExactly(second);
        assertThat(profile(tenant, older).getIdentifiersList()).extracting(ProfileIdentifier::getIdentifier)
                .containsExactly(first);
        assertThat(profile(tenant, newer).getProfileId()).isEqualTo(newer);
        assertThat(new GraphInvariants(session, tenant).broken(policies.apply(new TenantId(tenant)))).isEmpty();
    }
}
