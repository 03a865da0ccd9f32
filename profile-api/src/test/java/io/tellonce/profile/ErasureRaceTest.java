package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.phone;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.Requests.uniquePhone;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.Eventually;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.profile.support.StoreContents;
import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.ConsentChannel;
import io.tellonce.proto.v1.ConsentPurpose;
import io.tellonce.proto.v1.ConsentServiceGrpc;
import io.tellonce.proto.v1.ConsentStatus;
import io.tellonce.proto.v1.Direction;
import io.tellonce.proto.v1.ErasePersonRequest;
import io.tellonce.proto.v1.ErasureReceipt;
import io.tellonce.proto.v1.HistoryServiceGrpc;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.Interaction;
import io.tellonce.proto.v1.LegalBasis;
import io.tellonce.proto.v1.OpenCaseRequest;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.PrivacyServiceGrpc;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.RecordInteractionRequest;
import io.tellonce.proto.v1.ResolveRequest;
import io.tellonce.proto.v1.SetConsentRequest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, part 7: an erasure racing the channels that keep writing about the person. Several clients
 * record interactions, set consent, open cases and resolve the person's e-mail while ErasePerson runs.
 * Every write is either acknowledged before the erasure took it (and counted in its receipt) or refused
 * with a clear status (FAILED_PRECONDITION while it runs, NOT_FOUND after); and afterwards no table and
 * no index holds anything any of them wrote about the person. {@code -Dtellonce.erasure.races=N} rounds
 * (3 here).
 */
@MicronautTest
class ErasureRaceTest extends ServiceTest {
    private static final String TENANT = "acme";
    private static final int ROUNDS = Integer.getInteger("tellonce.erasure.races", 3);
    private static final int WRITERS = 4;
    private static final Set<Status.Code> REFUSALS = Set.of(Status.Code.FAILED_PRECONDITION, Status.Code.NOT_FOUND);

    @Inject
    CqlSession session;

    ErasureRaceTest() {
        super("it_erasure_race");
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("tellonce.privacy.suppression-secret", "a test secret, never a real one " + UUID.randomUUID());
        return properties;
    }

    /** What one write said about the person, and what came of it. */
    private record Write(String kind, String marker, Status.Code answer, String answeredProfile) {
    }

    @Test
    void writesRacingAnErasureAreInItsReceiptOrRefusedAndNothingOfThemIsLeft() throws Exception {
        Map<Status.Code, Integer> answers = new EnumMap<>(Status.Code.class);
        List<String> residues = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String mail = uniqueEmail("raced");
            String profile = identity().resolve(ResolveRequest.newBuilder().setSourceSystem("web")
                    .addIdentifiers(email(mail)).addIdentifiers(phone(uniquePhone())).build()).getProfileId();
            List<Write> writes = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                running.add(clients.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        writes.add(write((writer + i) % 4, profile, mail));
                    }
                }));
            }
            TimeUnit.MILLISECONDS.sleep(300);
            ErasureReceipt receipt = privacy().erasePerson(ErasePersonRequest.newBuilder()
                    .setLookup(ProfileLookup.newBuilder().setProfileId(profile)).setActor("dpo")
                    .setReason("race " + round).build()).getReceipt();
            TimeUnit.MILLISECONDS.sleep(500);
            stop.set(true);
            for (Future<?> writer : running) {
                writer.get(2, TimeUnit.MINUTES);
            }
            clients.shutdown();

            writes.forEach(write -> answers.merge(write.answer(), 1, Integer::sum));
            assertThat(writes).as("every write is acknowledged or refused clearly")
                    .allMatch(write -> write.answer() == Status.Code.OK || REFUSALS.contains(write.answer()));
            List<Write> acknowledgedOnPerson = writes.stream()
                    .filter(write -> write.answer() == Status.Code.OK && profile.equals(write.answeredProfile())).toList();
            assertThat(receipt.getRemovedMap().getOrDefault("interactions", 0L)).as("round %d", round)
                    .isGreaterThanOrEqualTo(count(acknowledgedOnPerson, "interaction"));
            assertThat(receipt.getRemovedMap().getOrDefault("consent_records", 0L)).as("round %d", round)
                    .isGreaterThanOrEqualTo(count(acknowledgedOnPerson, "consent"));
            assertThat(receipt.getRemovedMap().getOrDefault("cases", 0L)).as("round %d", round)
                    .isGreaterThanOrEqualTo(count(acknowledgedOnPerson, "case"));
            // A Resolve answered after the erasure starts a fresh profile (the tenant's default): what it
            // wrote is that new profile's, not a residue of the erased one.
            List<String> aboutErased = writes.stream().filter(write -> write.answeredProfile() == null
                    || profile.equals(write.answeredProfile())).map(Write::marker).toList();
            StoreContents contents = new StoreContents(session, service.namespace());
            residues.addAll(contents.cassandraHolding(aboutErased));
            residues.addAll(Eventually.await("the indexes drop the person", Duration.ofSeconds(60),
                    () -> contents.indexesHolding(aboutErased), List::isEmpty));
        }
        System.out.printf("erasure races: %d rounds, %d writers, answers %s, residues %d%n", ROUNDS, WRITERS,
                answers, residues.size());
        assertThat(residues).isEmpty();
        assertThat(answers).as("the writes raced the erasure: some got in, some were refused")
                .containsKey(Status.Code.OK).containsKey(Status.Code.NOT_FOUND);
    }

    private Write write(int kind, String profile, String mail) {
        String marker = "raced-" + UUID.randomUUID();
        ProfileLookup byId = ProfileLookup.newBuilder().setProfileId(profile).build();
        return switch (kind) {
            case 0 -> attempt("interaction", marker, () -> history().recordInteraction(RecordInteractionRequest.newBuilder()
                    .setProfileId(profile).setInteraction(Interaction.newBuilder().setChannel(Channel.CHANNEL_CHAT)
                            .setDirection(Direction.DIRECTION_INBOUND).setOccurTime(now()).setTopic("race")
                            .setSummary(marker).setSourceSystem("chat")).build()).getInteraction().getProfileId());
            case 1 -> attempt("consent", marker, () -> consent().setConsent(SetConsentRequest.newBuilder().setLookup(byId)
                    .setPurpose(ConsentPurpose.CONSENT_PURPOSE_MARKETING).setChannel(ConsentChannel.CONSENT_CHANNEL_EMAIL)
                    .setStatus(ConsentStatus.CONSENT_STATUS_GRANTED).setLegalBasis(LegalBasis.LEGAL_BASIS_CONSENT)
                    .setSourceSystem("web").setActor("customer").setEvidence(marker).build()).getProfileId());
            case 2 -> attempt("case", marker, () -> history().openCase(OpenCaseRequest.newBuilder().setLookup(byId)
                    .setTitle(marker).setActor("agent").build()).getCase().getProfileId());
            // With a new identifier as well: its claim on the person's node must not outlive the erasure.
            default -> attempt("resolve", marker, () -> identity().resolve(ResolveRequest.newBuilder()
                    .setSourceSystem("web").addIdentifiers(email(mail)).addIdentifiers(email(marker + "@example.com"))
                    .setAttributes(PersonAttributes.newBuilder().setGivenName(marker)).build()).getProfileId());
        };
    }

    private static Write attempt(String kind, String marker, Supplier<String> call) {
        try {
            return new Write(kind, marker, Status.Code.OK, call.get());
        } catch (StatusRuntimeException refused) {
            return new Write(kind, marker, refused.getStatus().getCode(), null);
        }
    }

    private static long count(List<Write> writes, String kind) {
        return writes.stream().filter(write -> write.kind().equals(kind)).count();
    }

    private static Timestamp now() {
        Instant at = Instant.now();
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity() {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), TENANT);
    }

    private HistoryServiceGrpc.HistoryServiceBlockingStub history() {
        return asTenant(HistoryServiceGrpc.newBlockingStub(service.channel()), TENANT);
    }

    private ConsentServiceGrpc.ConsentServiceBlockingStub consent() {
        return asTenant(ConsentServiceGrpc.newBlockingStub(service.channel()), TENANT);
    }

    private PrivacyServiceGrpc.PrivacyServiceBlockingStub privacy() {
        return asTenant(PrivacyServiceGrpc.newBlockingStub(service.channel()), TENANT);
    }
}
