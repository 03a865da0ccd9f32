package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.crm;
import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.phone;
import static io.tellonce.profile.support.Requests.profileById;
import static io.tellonce.profile.support.Requests.profileByIdentifier;
import static io.tellonce.profile.support.Requests.seen;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.Requests.uniquePhone;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.cassandra.ClusterSteps;
import io.tellonce.profile.config.MergePolicies;
import io.tellonce.profile.support.Eventually;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.GraphInvariants;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.MoveIdentifierRequest;
import io.tellonce.proto.v1.ProfileIdentifier;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.ResolveOutcome;
import io.tellonce.proto.v1.ResolveResponse;
import io.tellonce.proto.v1.UnmergeProfileRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * A holder of profile locks that is paused past their lifetime (a long garbage collection, a stalled
 * store) while another caller takes the locks over and changes the profiles cannot write when it
 * resumes: its call fails ABORTED, the other caller's change stands, and every invariant of the graph
 * holds (ADR 21). The locks live 3 s here, and the holder is held at a named step of its operation
 * until the test has seen its locks expire and someone else write.
 */
@MicronautTest
class FencedProfileLocksTest extends ServiceTest {
    private static final String PAUSING = "tellonce.test.pausing-cluster-steps";
    private final AtomicInteger tenants = new AtomicInteger();

    @Inject
    PausingSteps steps;

    @Inject
    CqlSession session;

    @Inject
    MergePolicies policies;

    FencedProfileLocksTest() {
        super("it_fenced_locks");
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(PAUSING, "true");
        properties.put("tellonce.identity.profile-lock-ttl", "3s");
        return properties;
    }

    /** Holds an operation at the armed step, once, until the test releases it: a pause, not a crash. */
    @Singleton
    @Replaces(ClusterSteps.class)
    @Requires(property = PAUSING, value = "true")
    static class PausingSteps extends ClusterSteps {
        private volatile Pause armed;

        Pause arm(String step) {
            Pause pause = new Pause(step);
            armed = pause;
            return pause;
        }

        @Override
        public void reached(String step) {
            Pause pause = armed;
            if (pause != null && pause.step.equals(step)) {
                armed = null;
                pause.hold();
            }
        }
    }

    static final class Pause {
        private final String step;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        Pause(String step) {
            this.step = step;
        }

        void hold() {
            reached.countDown();
            try {
                released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitReached() throws InterruptedException {
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("the operation reached " + step).isTrue();
        }

        void release() {
            released.countDown();
        }
    }

    @Test
    void aMergePausedPastItsLocksCannotRecordItselfAfterAnotherCallerChangedAProfile() throws Exception {
        String tenant = tenant();
        Identifier mail = email(uniqueEmail("ada"));
        Identifier number = phone(uniquePhone());
        Identifier crmOfB = crm("B-" + UUID.randomUUID());
        Identifier crmOfA = crm("A-" + UUID.randomUUID());
        String a = identity(tenant).resolve(seen("web", mail)).getProfileId();
        String b = identity(tenant).resolve(seen("crm", number, crmOfB)).getProfileId();

        // The merge of a and b has checked the policy (one CRM id between them) and holds both locks.
        Pause pause = steps.arm(ClusterSteps.MERGE_PLANNED);
        CompletableFuture<Status.Code> merge = callInBackground(() -> identity(tenant).resolve(seen("shop", mail, number)));
        pause.awaitReached();
        awaitUnlocked(tenant, a, b);

        // Someone else takes a's lock over and gives a a CRM id of its own: a and b may no longer merge.
        assertThat(identity(tenant).resolve(seen("crm", mail, crmOfA)).getOutcome())
                .isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_MATCHED);
        pause.release();

        Status.Code answer = merge.get(60, TimeUnit.SECONDS);
        assertThat(invariants(tenant)).isEmpty();
        assertThat(identifiers(tenant, a)).containsExactlyInAnyOrder(mail, crmOfA);
        assertThat(identifiers(tenant, b)).containsExactlyInAnyOrder(number, crmOfB);
        assertThat(answer).isEqualTo(Status.Code.ABORTED);
    }

    @Test
    void claimsMadeUnderALockThatExpiredAreGivenBackWhenTheProfileCannotKeepThem() throws Exception {
        String tenant = tenant();
        Identifier mail = email(uniqueEmail("grace"));
        Identifier late = crm("LATE-" + UUID.randomUUID());
        Identifier meanwhile = crm("MEANWHILE-" + UUID.randomUUID());
        String profile = identity(tenant).resolve(seen("web", mail)).getProfileId();

        // A Resolve has read the profile's identifiers under its lock (no CRM id yet: room for one).
        Pause pause = steps.arm(ClusterSteps.PROFILE_READ);
        CompletableFuture<Status.Code> claim = callInBackground(() -> identity(tenant).resolve(seen("crm", mail, late)));
        pause.awaitReached();
        awaitUnlocked(tenant, profile);

        assertThat(identity(tenant).resolve(seen("crm", mail, meanwhile)).getOutcome())
                .isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_MATCHED);
        pause.release();

        // Its claim was made after the other caller's check: the unlock finds the lock gone, the claim
        // is given back, and the call fails ABORTED.
        Status.Code answer = claim.get(60, TimeUnit.SECONDS);
        assertThat(invariants(tenant)).isEmpty();
        assertThat(identifiers(tenant, profile)).containsExactlyInAnyOrder(mail, meanwhile);
        assertThat(Failures.code(() -> profiles(tenant).getProfile(profileByIdentifier(late))))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(answer).isEqualTo(Status.Code.ABORTED);
    }

    @Test
    void anUnmergePausedPastItsLockCannotSplitAProfileThatWasMergedIntoAnotherMeanwhile() throws Exception {
        String tenant = tenant();
        Identifier oldest = email(uniqueEmail("oldest"));
        Identifier mail = email(uniqueEmail("mia"));
        Identifier number = phone(uniquePhone());
        String s = identity(tenant).resolve(seen("web", oldest)).getProfileId();
        identity(tenant).resolve(seen("web", mail));
        identity(tenant).resolve(seen("app", number));
        ResolveResponse merged = identity(tenant).resolve(seen("shop", mail, number));
        assertThat(merged.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_MERGED);

        Pause pause = steps.arm(ClusterSteps.UNMERGE_PLANNED);
        CompletableFuture<Status.Code> unmerge = callInBackground(() -> identity(tenant).unmergeProfile(
                UnmergeProfileRequest.newBuilder().setMergeId(merged.getMergeId()).setActor("supervisor")
                        .setReason("test").build()));
        pause.awaitReached();
        awaitUnlocked(tenant, merged.getProfileId());

        // Meanwhile the merged profile joins an older one, which absorbs it.
        assertThat(identity(tenant).resolve(seen("crm", oldest, mail)).getProfileId()).isEqualTo(s);
        pause.release();

        Status.Code answer = unmerge.get(60, TimeUnit.SECONDS);
        assertThat(invariants(tenant)).isEmpty();
        assertThat(identifiers(tenant, s)).containsExactlyInAnyOrder(oldest, mail, number);
        assertThat(answer).isEqualTo(Status.Code.ABORTED);
    }

    @Test
    void aMovePausedPastItsLocksCannotMoveAnIdentifierToAProfileThatFilledUpMeanwhile() throws Exception {
        String tenant = tenant();
        Identifier moved = crm("MOVED-" + UUID.randomUUID());
        Identifier mail = email(uniqueEmail("noa"));
        Identifier number = phone(uniquePhone());
        Identifier meanwhile = crm("MEANWHILE-" + UUID.randomUUID());
        String from = identity(tenant).resolve(seen("crm", mail, moved)).getProfileId();
        String to = identity(tenant).resolve(seen("app", number)).getProfileId();

        Pause pause = steps.arm(ClusterSteps.MOVE_PLANNED);
        CompletableFuture<Status.Code> move = callInBackground(() -> identity(tenant).moveIdentifier(
                MoveIdentifierRequest.newBuilder().setIdentifier(moved).setToProfileId(to).setActor("supervisor")
                        .setReason("test").build()));
        pause.awaitReached();
        awaitUnlocked(tenant, from, to);

        assertThat(identity(tenant).resolve(seen("crm", number, meanwhile)).getOutcome())
                .isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_MATCHED);
        pause.release();

        Status.Code answer = move.get(60, TimeUnit.SECONDS);
        assertThat(invariants(tenant)).isEmpty();
        assertThat(identifiers(tenant, from)).containsExactlyInAnyOrder(mail, moved);
        assertThat(identifiers(tenant, to)).containsExactlyInAnyOrder(number, meanwhile);
        assertThat(answer).isEqualTo(Status.Code.ABORTED);
    }

    private String tenant() {
        return "fence" + tenants.incrementAndGet();
    }

    /** Runs the call on its own thread; its status code, or OK. */
    private static CompletableFuture<Status.Code> callInBackground(ThrowingCallable call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                call.call();
                return Status.Code.OK;
            } catch (StatusRuntimeException e) {
                return e.getStatus().getCode();
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Waits until nobody holds the profiles' locks: the paused holder's expired. */
    private void awaitUnlocked(String tenant, String... roots) {
        for (String root : roots) {
            Eventually.await("the lock of profile " + root + " to expire", Duration.ofSeconds(20),
                    () -> session.execute(SimpleStatement.newInstance("SELECT lock_holder FROM profile_cluster"
                            + " WHERE tenant = ? AND root_id = ?", tenant, UUID.fromString(root))).one(),
                    (Row row) -> row == null || row.getUuid("lock_holder") == null);
        }
    }

    private List<Identifier> identifiers(String tenant, String profileId) {
        return profiles(tenant).getProfile(profileById(profileId)).getProfile().getIdentifiersList().stream()
                .map(ProfileIdentifier::getIdentifier).toList();
    }

    private List<String> invariants(String tenant) {
        return new GraphInvariants(session, tenant).broken(policies.apply(new TenantId(tenant)));
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity(String tenant) {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), tenant);
    }

    private ProfileServiceGrpc.ProfileServiceBlockingStub profiles(String tenant) {
        return asTenant(ProfileServiceGrpc.newBlockingStub(service.channel()), tenant);
    }
}
