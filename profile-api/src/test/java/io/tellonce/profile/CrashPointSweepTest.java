package io.tellonce.profile;

import static io.tellonce.profile.support.Interactions.inbound;
import static io.tellonce.profile.support.Interactions.onProfile;
import static io.tellonce.profile.support.Requests.crm;
import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.phone;
import static io.tellonce.profile.support.Requests.profileById;
import static io.tellonce.profile.support.Requests.seen;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.Requests.uniquePhone;
import static io.tellonce.profile.support.Requests.whatsapp;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.Erasures;
import io.tellonce.profile.app.ProfileClusters;
import io.tellonce.profile.config.MergePolicies;
import io.tellonce.profile.support.GraphInvariants;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.profile.support.StoreContents;
import io.tellonce.profile.support.StoreCrash;
import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.ConsentChannel;
import io.tellonce.proto.v1.ConsentPurpose;
import io.tellonce.proto.v1.ConsentServiceGrpc;
import io.tellonce.proto.v1.ConsentStatus;
import io.tellonce.proto.v1.DecideReviewItemRequest;
import io.tellonce.proto.v1.ErasePersonRequest;
import io.tellonce.proto.v1.HistoryServiceGrpc;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.LegalBasis;
import io.tellonce.proto.v1.ListReviewItemsRequest;
import io.tellonce.proto.v1.MergeProfilesRequest;
import io.tellonce.proto.v1.MoveIdentifierRequest;
import io.tellonce.proto.v1.OpenCaseRequest;
import io.tellonce.proto.v1.PrivacyServiceGrpc;
import io.tellonce.proto.v1.ProfileIdentifier;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.ReviewDecision;
import io.tellonce.proto.v1.ReviewItem;
import io.tellonce.proto.v1.ReviewStatus;
import io.tellonce.proto.v1.SetConsentRequest;
import io.tellonce.proto.v1.UnmergeProfileRequest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, part 5: every multi-step change survives a crash at every one of its steps. Each change
 * below runs once to count its writes to Cassandra; then, for a crash point k, on a fresh tenant, the
 * service is crashed at its k-th write ({@link StoreCrash}: that write and everything after it never
 * happen, locks stay until their lifetime ends), revived as the instance that comes next, and:
 * <ol>
 * <li>the graph is made whole: it keeps every invariant ({@link GraphInvariants});</li>
 * <li>the caller retries the call that failed, and the outcome is exactly that of an uninterrupted
 * run.</li>
 * </ol>
 * Before the retry the graph is made whole in one of two ways, each its own crash point: by the
 * background sweeps alone, with no call touching the profiles, or by reads of every profile the
 * change involved (an erasure has only the first: reads refuse a person half erased).
 * {@code -Dtellonce.crash.points=N} crash points drawn at random ({@code -Dtellonce.crash.seed}); 0
 * runs every point of every change (the full sweep, SECURITY.md); {@code -Dtellonce.crash.only=move}
 * only the changes whose names contain it.
 */
@MicronautTest
class CrashPointSweepTest extends ServiceTest {
    private static final int POINTS = Integer.getInteger("tellonce.crash.points", 24);
    private static final Set<Status.Code> RETRY_ANSWERS = Set.of(Status.Code.OK, Status.Code.FAILED_PRECONDITION,
            Status.Code.NOT_FOUND);

    private final AtomicInteger tenants = new AtomicInteger();

    @Inject
    StoreCrash crash;
    @Inject
    CqlSession session;
    @Inject
    MergePolicies policies;
    @Inject
    ProfileClusters clusters;
    @Inject
    Erasures erasures;

    CrashPointSweepTest() {
        super("it_crash_points");
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put(StoreCrash.PROPERTY, "true");
        properties.put("tellonce.privacy.suppression-secret", "a test secret, never a real one " + UUID.randomUUID());
        // Locks a crash leaves behind expire quickly, so that recovery is not a wait.
        // (Cassandra counts a TTL in whole seconds from the current one: 1 s can be over at once.)
        properties.put("tellonce.identity.profile-lock-ttl", "3s");
        // The sweeps run when the test says, not in the middle of counting a change's writes.
        properties.put("tellonce.privacy.erasure-sweep-interval", "1h");
        properties.put("tellonce.identity.operation-sweep-interval", "1h");
        return properties;
    }

    /** One multi-step change: what it needs, the call that is crashed, and what it leaves when whole. */
    private record Change(String name, Function<String, Prepared> prepare, Set<Recovery> recoveries) {
        Change(String name, Function<String, Prepared> prepare) {
            this(name, prepare, Set.of(Recovery.values()));
        }

        /**
         * An erasure half done is finished by its own sweep or by asking again, not by reads (which
         * refuse the person meantime): it has no recovery by touch.
         */
        static Change erasure(String name, Function<String, Prepared> prepare) {
            return new Change(name, prepare, Set.of(Recovery.SWEEP));
        }
    }

    /**
     * @param calls      the calls that run together and are crashed (two for a race)
     * @param afterwards what an uninterrupted run leaves, checked after recovery and the retry
     */
    private record Prepared(List<Runnable> calls, Runnable afterwards) {
    }

    /** How the graph is made whole after a crash before the caller's retry. */
    private enum Recovery {
        /** Nobody touches the profiles: the background sweeps alone. */
        SWEEP,
        /** The next call that touches them: a read of every profile the change involved. */
        TOUCH
    }

    private record Point(int change, int write, Recovery recovery) {
    }

    @Test
    void everyStepOfEveryMultiStepChangeIsACrashPointTheGraphRecoversFrom() throws Exception {
        long seed = Long.getLong("tellonce.crash.seed", new Random().nextLong());
        Random random = new Random(seed);
        Map<String, Integer> pointsPerChange = new LinkedHashMap<>();
        List<Point> points = new ArrayList<>();
        // -Dtellonce.crash.only=unmerge: only the changes whose names contain it.
        List<Change> changes = changes().stream()
                .filter(change -> change.name().contains(System.getProperty("tellonce.crash.only", ""))).toList();
        for (int c = 0; c < changes.size(); c++) {
            Change change = changes.get(c);
            // A call may lose a race (ABORTED) without any crash, and then writes less than it would: the
            // most writes of a few runs is the change's count. The callers try again; then it is whole.
            int writes = 0;
            for (int run = 0; run < 2; run++) {
                Prepared prepared = change.prepare().apply(tenant());
                crash.count();
                runTogether(prepared.calls());
                writes = Math.max(writes, crash.written());
                crash.revive();
                prepared.calls().forEach(CrashPointSweepTest::retry);
                prepared.afterwards().run();
            }
            pointsPerChange.put(change.name(), writes);
            for (int k = 1; k <= writes; k++) {
                for (Recovery recovery : Recovery.values()) {
                    if (change.recoveries().contains(recovery)) {
                        points.add(new Point(c, k, recovery));
                    }
                }
            }
        }
        Collections.shuffle(points, random);
        List<Point> chosen = POINTS <= 0 ? points : points.subList(0, Math.min(POINTS, points.size()));

        List<String> violations = new ArrayList<>();
        int crashed = 0;
        for (Point point : chosen) {
            Change change = changes.get(point.change());
            String tenant = tenant();
            Prepared prepared = change.prepare().apply(tenant);
            List<String> involved = nodesOf(tenant);
            crash.armAt(point.write());
            runTogether(prepared.calls());
            // Whatever of the dead process's work was still in flight fails too, before the next one starts.
            TimeUnit.MILLISECONDS.sleep(100);
            crashed += crash.crashed() ? 1 : 0;
            crash.revive();
            String where = change.name() + " crashed at write " + point.write() + ", recovered by "
                    + point.recovery().name().toLowerCase(java.util.Locale.ROOT) + " (tenant " + tenant + ")";

            List<String> broken = point.recovery() == Recovery.SWEEP ? sweptUntilWhole(tenant)
                    : touchedUntilWhole(tenant, involved);
            broken.forEach(problem -> violations.add(where + ": " + problem));

            // The caller retries; the outcome is that of an uninterrupted run.
            prepared.calls().forEach(CrashPointSweepTest::retry);
            try {
                prepared.afterwards().run();
            } catch (AssertionError wrong) {
                violations.add(where + ", after the retry: " + wrong.getMessage());
            }
            new GraphInvariants(session, tenant).broken(policies.apply(new TenantId(tenant)))
                    .forEach(problem -> violations.add(where + ", after the retry: " + problem));
        }
        System.out.printf("crash points: seed %d, writes per change %s (%d points in all with both recoveries), %d tried,"
                + " %d crashed mid-change, %d violations%n", seed, pointsPerChange, points.size(), chosen.size(), crashed,
                violations.size());
        assertThat(violations).as("seed %d", seed).isEmpty();
    }

    /** Every node of the tenant, read straight from the store (tests only). */
    private List<String> nodesOf(String tenant) {
        return session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                        "SELECT DISTINCT tenant, node_id FROM identity_node").setPageSize(5000)).all().stream()
                .filter(row -> tenant.equals(row.getString("tenant"))).map(row -> row.getUuid("node_id").toString())
                .toList();
    }

    /** Reads every profile the change involved, as the next callers would, until the graph is whole. */
    private List<String> touchedUntilWhole(String tenant, List<String> involved) {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            for (String id : involved) {
                try {
                    read(tenant, id);
                } catch (StatusRuntimeException e) {
                    // NOT_FOUND (erased) is an answer; ABORTED or UNAVAILABLE (a lock the dead process
                    // left) is read again in the next round.
                }
            }
            List<String> broken = new GraphInvariants(session, tenant).broken(policies.apply(new TenantId(tenant)));
            if (broken.isEmpty() || Instant.now().isAfter(until)) {
                return broken;
            }
            sleep(500);
        }
    }

    private List<String> sweptUntilWhole(String tenant) {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            clusters.finishInterrupted(Instant.now());
            erasures.sweep(Duration.ZERO);
            List<String> broken = new GraphInvariants(session, tenant).broken(policies.apply(new TenantId(tenant)));
            if (broken.isEmpty() || Instant.now().isAfter(until)) {
                return broken;
            }
            sleep(500);
        }
    }

    private String tenant() {
        return "crashpoint" + tenants.incrementAndGet();
    }

    /** Runs the calls at once; a crashed call's failure is what a crash looks like to its caller. */
    private static void runTogether(List<Runnable> calls) {
        List<CompletableFuture<Void>> running = calls.stream().map(call -> CompletableFuture.runAsync(() -> {
            try {
                call.run();
            } catch (StatusRuntimeException crashed) {
                // the caller saw the process die (or, in a race, lost it)
            }
        })).toList();
        running.forEach(CompletableFuture::join);
    }

    /** A client's retry: again while the answer says to (a lock a crash left), until a final answer. */
    private static void retry(Runnable call) {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                call.run();
                return;
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                if (RETRY_ANSWERS.contains(code)) {
                    return;
                }
                if (Instant.now().isAfter(until)) {
                    throw e;
                }
                sleep(200);
            }
        }
    }

    private List<Change> changes() {
        return List.of(
                new Change("a resolve that merges two profiles", tenant -> {
                    Identifier a = email(uniqueEmail("rm-a"));
                    Identifier b = phone(uniquePhone());
                    String older = identity(tenant).resolve(seen("web", a)).getProfileId();
                    String newer = identity(tenant).resolve(seen("app", b)).getProfileId();
                    return new Prepared(List.of(() -> identity(tenant).resolve(seen("shop", a, b))), () -> {
                        assertThat(read(tenant, newer).getProfileId()).isEqualTo(older);
                        assertThat(identifiers(tenant, older)).containsExactlyInAnyOrder(a, b);
                    });
                }),
                new Change("a merge of a merged profile with a third", tenant -> {
                    Nested nested = nested(tenant, false);
                    return new Prepared(List.of(() -> identity(tenant).mergeProfiles(merge(nested.a, nested.c))), () ->
                            assertThat(identifiers(tenant, nested.c)).containsExactlyInAnyOrder(nested.ia, nested.ib,
                                    nested.ic));
                }),
                new Change("a merge of two merged profiles", tenant -> {
                    Nested left = nested(tenant, false);
                    Nested right = nested(tenant, false);
                    return new Prepared(List.of(() -> identity(tenant).mergeProfiles(merge(left.b, right.a))), () ->
                            assertThat(identifiers(tenant, right.b)).containsExactlyInAnyOrder(left.ia, left.ib,
                                    right.ia, right.ib));
                }),
                new Change("an unmerge of the inner of two nested merges", tenant -> {
                    Nested nested = nested(tenant, true);
                    return new Prepared(List.of(() -> identity(tenant).unmergeProfile(unmerge(nested.inner))), () -> {
                        assertThat(identifiers(tenant, nested.b)).containsExactly(nested.ib);
                        assertThat(identifiers(tenant, nested.a)).containsExactlyInAnyOrder(nested.ia, nested.ic);
                    });
                }),
                new Change("an unmerge of the outer of two nested merges", tenant -> {
                    Nested nested = nested(tenant, true);
                    return new Prepared(List.of(() -> identity(tenant).unmergeProfile(unmerge(nested.outer))), () -> {
                        assertThat(identifiers(tenant, nested.c)).containsExactly(nested.ic);
                        assertThat(identifiers(tenant, nested.a)).containsExactlyInAnyOrder(nested.ia, nested.ib);
                    });
                }),
                new Change("an unmerge racing a merge of the same profile", tenant -> {
                    Nested pair = nested(tenant, false);
                    Identifier id = email(uniqueEmail("race-c"));
                    String c = identity(tenant).resolve(seen("web", id)).getProfileId();
                    return new Prepared(List.of(() -> identity(tenant).unmergeProfile(unmerge(pair.inner)),
                            () -> identity(tenant).mergeProfiles(merge(pair.a, c))), () -> {
                        // Either order ends the same: b alone, a with c.
                        assertThat(identifiers(tenant, pair.b)).containsExactly(pair.ib);
                        assertThat(identifiers(tenant, c)).containsExactlyInAnyOrder(pair.ia, id);
                    });
                }),
                new Change("an unmerge of a merge a resolve made of three profiles", tenant -> {
                    Nested three = singles(tenant);
                    String mergeId = identity(tenant).resolve(seen("shop", three.ia, three.ib, three.ic)).getMergeId();
                    return new Prepared(List.of(() -> identity(tenant).unmergeProfile(unmerge(mergeId))), () -> {
                        assertThat(identifiers(tenant, three.a)).containsExactly(three.ia);
                        assertThat(identifiers(tenant, three.b)).containsExactly(three.ib);
                        assertThat(identifiers(tenant, three.c)).containsExactly(three.ic);
                    });
                }),
                new Change("two unmerges racing on nested merges", tenant -> {
                    Nested nested = nested(tenant, true);
                    return new Prepared(List.of(() -> identity(tenant).unmergeProfile(unmerge(nested.inner)),
                            () -> identity(tenant).unmergeProfile(unmerge(nested.outer))), () -> {
                        assertThat(identifiers(tenant, nested.a)).containsExactly(nested.ia);
                        assertThat(identifiers(tenant, nested.b)).containsExactly(nested.ib);
                        assertThat(identifiers(tenant, nested.c)).containsExactly(nested.ic);
                    });
                }),
                new Change("a move of an identifier to another profile", tenant -> {
                    Identifier mail = email(uniqueEmail("mv-a"));
                    Identifier moved = phone(uniquePhone());
                    Identifier other = email(uniqueEmail("mv-b"));
                    String from = identity(tenant).resolve(seen("web", mail, moved)).getProfileId();
                    String to = identity(tenant).resolve(seen("web", other)).getProfileId();
                    return new Prepared(List.of(() -> identity(tenant).moveIdentifier(MoveIdentifierRequest.newBuilder()
                            .setIdentifier(moved).setToProfileId(to).setActor("sup").setReason("crash test").build())), () -> {
                        assertThat(identifiers(tenant, from)).containsExactly(mail);
                        assertThat(identifiers(tenant, to)).containsExactlyInAnyOrder(other, moved);
                    });
                }),
                new Change("a review decision that merges", tenant -> {
                    Identifier mail = email(uniqueEmail("rv-a"));
                    Identifier tel = phone(uniquePhone());
                    Identifier crmB = crm("C-" + tenant);
                    String a = identity(tenant).resolve(seen("crm", crm("A-" + tenant), mail)).getProfileId();
                    String b = identity(tenant).resolve(seen("crm", crmB, tel)).getProfileId();
                    String item = identity(tenant).resolve(seen("web", mail, tel)).getReviewItemId();
                    // Without its second CRM id the pair may merge: a supervisor moved it off first.
                    identity(tenant).moveIdentifier(MoveIdentifierRequest.newBuilder().setIdentifier(crmB)
                            .setActor("sup").setReason("wrong crm id").build());
                    return new Prepared(List.of(() -> identity(tenant).decideReviewItem(DecideReviewItemRequest
                            .newBuilder().setReviewItemId(item).setDecision(ReviewDecision.REVIEW_DECISION_MERGE)
                            .setActor("sup").setReason("same person").build())), () -> {
                        assertThat(read(tenant, b).getProfileId()).isEqualTo(a);
                        assertThat(identity(tenant).listReviewItems(ListReviewItemsRequest.newBuilder()
                                .setStatus(ReviewStatus.REVIEW_STATUS_DECIDED).build()).getReviewItemsList())
                                .extracting(ReviewItem::getReviewItemId).containsExactly(item);
                    });
                }),
                Change.erasure("an erasure of a merged profile with history", tenant -> {
                    Nested person = nested(tenant, false);
                    ProfileLookup byId = ProfileLookup.newBuilder().setProfileId(person.a).build();
                    asTenant(HistoryServiceGrpc.newBlockingStub(service.channel()), tenant).recordInteraction(
                            onProfile(person.a, inbound(Channel.CHANNEL_CHAT, Instant.now(), "order")));
                    asTenant(ConsentServiceGrpc.newBlockingStub(service.channel()), tenant).setConsent(
                            SetConsentRequest.newBuilder().setLookup(byId).setPurpose(ConsentPurpose.CONSENT_PURPOSE_MARKETING)
                                    .setChannel(ConsentChannel.CONSENT_CHANNEL_EMAIL)
                                    .setStatus(ConsentStatus.CONSENT_STATUS_GRANTED)
                                    .setLegalBasis(LegalBasis.LEGAL_BASIS_CONSENT).setSourceSystem("web")
                                    .setActor("customer").setEvidence("form").build());
                    asTenant(HistoryServiceGrpc.newBlockingStub(service.channel()), tenant).openCase(OpenCaseRequest
                            .newBuilder().setLookup(byId).setTitle("late parcel").setActor("agent").build());
                    return new Prepared(List.of(() -> asTenant(PrivacyServiceGrpc.newBlockingStub(service.channel()),
                            tenant).erasePerson(ErasePersonRequest.newBuilder().setLookup(byId).setActor("dpo")
                            .setReason("ticket 1").build())), () -> {
                        assertThat(io.tellonce.profile.support.Failures.code(() -> read(tenant, person.b)))
                                .isEqualTo(Status.Code.NOT_FOUND);
                        assertThat(new StoreContents(session, service.namespace()).cassandraHolding(List.of(
                                person.ia.getValue(), person.ib.getValue()))).isEmpty();
                    });
                }),
                new Change("a resolve that merges three profiles", tenant -> {
                    Identifier a = email(uniqueEmail("r3-a"));
                    Identifier b = phone(uniquePhone());
                    Identifier c = whatsapp(uniquePhone());
                    String oldest = identity(tenant).resolve(seen("web", a)).getProfileId();
                    identity(tenant).resolve(seen("app", b));
                    String last = identity(tenant).resolve(seen("chat", c)).getProfileId();
                    return new Prepared(List.of(() -> identity(tenant).resolve(seen("shop", a, b, c))), () -> {
                        assertThat(read(tenant, last).getProfileId()).isEqualTo(oldest);
                        assertThat(identifiers(tenant, oldest)).containsExactlyInAnyOrder(a, b, c);
                    });
                }),
                new Change("a merge of a profile of three with a profile of two", tenant -> {
                    Nested three = nested(tenant, true);
                    Nested two = nested(tenant, false);
                    return new Prepared(List.of(() -> identity(tenant).mergeProfiles(merge(three.c, two.b))), () ->
                            assertThat(identifiers(tenant, two.a)).containsExactlyInAnyOrder(three.ia, three.ib,
                                    three.ic, two.ia, two.ib));
                }),
                new Change("two merges racing on one profile", tenant -> {
                    Nested three = singles(tenant);
                    return new Prepared(List.of(() -> identity(tenant).mergeProfiles(merge(three.a, three.b)),
                            () -> identity(tenant).mergeProfiles(merge(three.b, three.c))), () ->
                            assertThat(identifiers(tenant, three.c)).containsExactlyInAnyOrder(three.ia, three.ib,
                                    three.ic));
                }),
                new Change("a move racing a merge of the profile it leaves", tenant -> {
                    Identifier mail = email(uniqueEmail("mm-a"));
                    Identifier moved = phone(uniquePhone());
                    Identifier other = email(uniqueEmail("mm-b"));
                    Identifier third = email(uniqueEmail("mm-c"));
                    String from = identity(tenant).resolve(seen("web", mail, moved)).getProfileId();
                    String to = identity(tenant).resolve(seen("web", other)).getProfileId();
                    String x = identity(tenant).resolve(seen("web", third)).getProfileId();
                    return new Prepared(List.of(() -> identity(tenant).moveIdentifier(MoveIdentifierRequest.newBuilder()
                                    .setIdentifier(moved).setToProfileId(to).setActor("sup").setReason("crash test").build()),
                            () -> identity(tenant).mergeProfiles(merge(from, x))), () -> {
                        assertThat(identifiers(tenant, x)).containsExactlyInAnyOrder(mail, third);
                        assertThat(identifiers(tenant, to)).containsExactlyInAnyOrder(other, moved);
                    });
                }),
                new Change("a review decision to keep apart", tenant -> {
                    Identifier mail = email(uniqueEmail("ka-a"));
                    Identifier tel = phone(uniquePhone());
                    String a = identity(tenant).resolve(seen("crm", crm("A-" + tenant), mail)).getProfileId();
                    String b = identity(tenant).resolve(seen("crm", crm("B-" + tenant), tel)).getProfileId();
                    String item = identity(tenant).resolve(seen("web", mail, tel)).getReviewItemId();
                    return new Prepared(List.of(() -> identity(tenant).decideReviewItem(DecideReviewItemRequest
                            .newBuilder().setReviewItemId(item).setDecision(ReviewDecision.REVIEW_DECISION_KEEP_APART)
                            .setActor("sup").setReason("two people").build())), () -> {
                        assertThat(read(tenant, b).getProfileId()).isEqualTo(b);
                        assertThat(read(tenant, a).getProfileId()).isEqualTo(a);
                        assertThat(identity(tenant).listReviewItems(ListReviewItemsRequest.newBuilder()
                                .setStatus(ReviewStatus.REVIEW_STATUS_DECIDED).build()).getReviewItemsList())
                                .extracting(ReviewItem::getReviewItemId).containsExactly(item);
                    });
                }),
                Change.erasure("an erasure of a profile of one", tenant -> {
                    Identifier mail = email(uniqueEmail("e1"));
                    String person = identity(tenant).resolve(seen("web", mail)).getProfileId();
                    asTenant(HistoryServiceGrpc.newBlockingStub(service.channel()), tenant).recordInteraction(
                            onProfile(person, inbound(Channel.CHANNEL_EMAIL, Instant.now(), "refund")));
                    return new Prepared(List.of(() -> asTenant(PrivacyServiceGrpc.newBlockingStub(service.channel()),
                            tenant).erasePerson(ErasePersonRequest.newBuilder().setLookup(ProfileLookup.newBuilder()
                            .setProfileId(person)).setActor("dpo").setReason("ticket 2").build())), () -> {
                        assertThat(io.tellonce.profile.support.Failures.code(() -> read(tenant, person)))
                                .isEqualTo(Status.Code.NOT_FOUND);
                        assertThat(new StoreContents(session, service.namespace()).cassandraHolding(List.of(
                                mail.getValue()))).isEmpty();
                    });
                }));
    }

    /** A+B merged (the inner merge), and, when {@code outer}, C merged into them (the outer merge). */
    private record Nested(String a, String b, String c, Identifier ia, Identifier ib, Identifier ic, String inner,
                          String outer) {
    }

    private Nested nested(String tenant, boolean outer) {
        Nested three = singles(tenant);
        String inner = identity(tenant).mergeProfiles(merge(three.a, three.b)).getMergeId();
        String outerId = outer ? identity(tenant).mergeProfiles(merge(three.a, three.c)).getMergeId() : "";
        return new Nested(three.a, three.b, three.c, three.ia, three.ib, three.ic, inner, outerId);
    }

    /** Three profiles of one identifier each, not merged. */
    private Nested singles(String tenant) {
        Identifier ia = email(uniqueEmail("n-a"));
        Identifier ib = phone(uniquePhone());
        Identifier ic = email(uniqueEmail("n-c"));
        String a = identity(tenant).resolve(seen("web", ia)).getProfileId();
        String b = identity(tenant).resolve(seen("web", ib)).getProfileId();
        String c = identity(tenant).resolve(seen("web", ic)).getProfileId();
        return new Nested(a, b, c, ia, ib, ic, "", "");
    }

    private static MergeProfilesRequest merge(String one, String other) {
        return MergeProfilesRequest.newBuilder().addProfileIds(one).addProfileIds(other).setActor("sup")
                .setReason("crash test").build();
    }

    private static UnmergeProfileRequest unmerge(String mergeId) {
        return UnmergeProfileRequest.newBuilder().setMergeId(mergeId).setActor("sup").setReason("crash test").build();
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity(String tenant) {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), tenant);
    }

    private io.tellonce.proto.v1.Profile read(String tenant, String profileId) {
        return asTenant(ProfileServiceGrpc.newBlockingStub(service.channel()), tenant).getProfile(profileById(profileId))
                .getProfile();
    }

    private List<Identifier> identifiers(String tenant, String profileId) {
        return read(tenant, profileId).getIdentifiersList().stream().map(ProfileIdentifier::getIdentifier).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
