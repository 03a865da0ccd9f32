package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.phone;
import static io.tellonce.profile.support.Requests.seen;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.Requests.uniquePhone;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.profile.support.ServiceUnderTest;
import io.tellonce.proto.v1.AuditAction;
import io.tellonce.proto.v1.AuditEntry;
import io.tellonce.proto.v1.ConsentChannel;
import io.tellonce.proto.v1.ConsentPurpose;
import io.tellonce.proto.v1.ConsentServiceGrpc;
import io.tellonce.proto.v1.ConsentStatus;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.MergeProfilesRequest;
import io.tellonce.proto.v1.PrivacyServiceGrpc;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.QueryAuditRequest;
import io.tellonce.proto.v1.QueryAuditResponse;
import io.tellonce.proto.v1.SetConsentRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every read and change of a person's data is audited with actor, role, purpose and time; QueryAudit finds it. */
@MicronautTest
class AuditLogTest extends ServiceTest {
    AuditLogTest() {
        super("audit_test");
    }

    /** Calls as tenant acme, as the given subject in the given role. */
    private static <S extends AbstractStub<S>> S as(S stub, String actor, String role) {
        return ServiceUnderTest.asCaller(stub, "acme", actor, role);
    }

    private PrivacyServiceGrpc.PrivacyServiceBlockingStub privacy() {
        return as(PrivacyServiceGrpc.newBlockingStub(service.channel()), "dpo-1", "privacy-officer");
    }

    private static Timestamp wire(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private QueryAuditRequest.Builder audit(String profileId, Instant from, Instant to) {
        return QueryAuditRequest.newBuilder().setLookup(ProfileLookup.newBuilder().setProfileId(profileId))
                .setStartTime(wire(from)).setEndTime(wire(to));
    }

    @Test
    void readsAndChangesAreAuditedWithActorRolePurposeAndTimeAndQueriedByProfileAndRange() {
        Instant before = Instant.now().minusSeconds(1);
        var identity = as(IdentityServiceGrpc.newBlockingStub(service.channel()), "crm-sync", "ingest");
        String older = identity.resolve(seen("crm", email(uniqueEmail("aud")))).getProfileId();
        String newer = identity.resolve(seen("phone", phone(uniquePhone()))).getProfileId();
        as(ProfileServiceGrpc.newBlockingStub(service.channel()), "agent-42", "agent").getProfile(GetProfileRequest
                .newBuilder().setLookup(ProfileLookup.newBuilder().setProfileId(newer))
                .setPurpose(ConsentPurpose.CONSENT_PURPOSE_MARKETING).build());
        as(IdentityServiceGrpc.newBlockingStub(service.channel()), "supervisor-7", "admin").mergeProfiles(
                MergeProfilesRequest.newBuilder().addProfileIds(older).addProfileIds(newer).setActor("supervisor-7")
                        .setReason("same person").build());
        as(ConsentServiceGrpc.newBlockingStub(service.channel()), "app", "ingest").setConsent(SetConsentRequest
                .newBuilder().setLookup(ProfileLookup.newBuilder().setProfileId(older))
                .setPurpose(ConsentPurpose.CONSENT_PURPOSE_MARKETING).setChannel(ConsentChannel.CONSENT_CHANNEL_EMAIL)
                .setStatus(ConsentStatus.CONSENT_STATUS_GRANTED).setSourceSystem("app").setActor("customer").build());
        Instant after = Instant.now().plusSeconds(1);

        List<AuditEntry> entries = privacy().queryAudit(audit(older, before, after).build()).getEntriesList();

        assertThat(entries).extracting(AuditEntry::getRpc).containsExactly(
                "tellonce.v1.ConsentService/SetConsent", "tellonce.v1.IdentityService/MergeProfiles",
                "tellonce.v1.IdentityService/MergeProfiles", "tellonce.v1.ProfileService/GetProfile",
                "tellonce.v1.IdentityService/Resolve", "tellonce.v1.IdentityService/Resolve");
        assertThat(entries).filteredOn(entry -> entry.getRpc().endsWith("GetProfile")).singleElement().satisfies(read -> {
            assertThat(read.getAction()).isEqualTo(AuditAction.AUDIT_ACTION_READ);
            assertThat(read.getActor()).isEqualTo("agent-42");
            assertThat(read.getRole()).isEqualTo("agent");
            assertThat(read.getPurpose()).isEqualTo(ConsentPurpose.CONSENT_PURPOSE_MARKETING);
            assertThat(read.getNodeId()).isEqualTo(newer);
            Instant time = Instant.ofEpochSecond(read.getTime().getSeconds(), read.getTime().getNanos());
            assertThat(time).isBetween(before, after);
        });
        assertThat(entries).filteredOn(entry -> entry.getRpc().endsWith("MergeProfiles")).allSatisfy(merge -> {
            assertThat(merge.getAction()).isEqualTo(AuditAction.AUDIT_ACTION_CHANGE);
            assertThat(merge.getActor()).isEqualTo("supervisor-7");
            assertThat(merge.getProfileIdsList()).containsExactlyInAnyOrder(older, newer);
        });
        assertThat(entries.get(entries.size() - 1).getRole()).isEqualTo("ingest");
        assertThat(privacy().queryAudit(audit(older, before.minus(3, ChronoUnit.DAYS), before).build()).getEntriesList())
                .as("nothing before the range").isEmpty();
    }

    @Test
    void aLongAuditIsPagedWithoutLosingOrRepeatingAnEntry() {
        Instant before = Instant.now().minusSeconds(1);
        String person = as(IdentityServiceGrpc.newBlockingStub(service.channel()), "crm-sync", "ingest")
                .resolve(seen("crm", email(uniqueEmail("page")))).getProfileId();
        var profiles = as(ProfileServiceGrpc.newBlockingStub(service.channel()), "personalisation-engine", "personalisation");
        for (int i = 0; i < 7; i++) {
            profiles.getProfile(GetProfileRequest.newBuilder().setLookup(ProfileLookup.newBuilder().setProfileId(person))
                    .build());
        }
        Instant after = Instant.now().plusSeconds(1);

        List<AuditEntry> all = new ArrayList<>();
        String token = "";
        do {
            QueryAuditResponse page = privacy().queryAudit(audit(person, before, after).setPageSize(3)
                    .setPageToken(token).build());
            all.addAll(page.getEntriesList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());

        assertThat(all).hasSize(8).extracting(AuditEntry::getAuditId).doesNotHaveDuplicates();
    }

    /** Found by RandomRequestsTest: a random UUID where a page token holds a (time-based) audit id was INTERNAL. */
    @Test
    void aForgedPageTokenIsRefusedNamingTheField() {
        Instant before = Instant.now().minusSeconds(1);
        String person = as(IdentityServiceGrpc.newBlockingStub(service.channel()), "crm-sync", "ingest")
                .resolve(seen("crm", email(uniqueEmail("forged")))).getProfileId();
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        for (String position : List.of(java.util.UUID.randomUUID().toString(), "not-a-uuid")) {
            String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (day + "\n" + person + " " + position).getBytes(java.nio.charset.StandardCharsets.UTF_8));

            assertThat(Failures.invalidFields(() -> privacy().queryAudit(audit(person, before, Instant.now().plusSeconds(1))
                    .setPageToken(forged).build()))).as(position).containsExactly("page_token");
        }
    }

    @Test
    void aQueryWithoutARangeOrWithTooLongARangeIsRefusedNamingTheField() {
        Instant now = Instant.now();
        assertThat(Failures.invalidFields(() -> privacy().queryAudit(QueryAuditRequest.newBuilder()
                .setLookup(ProfileLookup.newBuilder().setProfileId("x")).build())))
                .containsExactlyInAnyOrder("lookup.profile_id", "start_time", "end_time");
        assertThat(Failures.invalidFields(() -> privacy().queryAudit(audit(java.util.UUID.randomUUID().toString(),
                now.minus(200, ChronoUnit.DAYS), now).build()))).containsExactly("end_time");
    }
}
