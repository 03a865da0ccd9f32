package io.tellonce.profile;

import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierKind;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.ResolveRequest;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad input answers INVALID_ARGUMENT naming the field, or NOT_FOUND, and writes nothing. */
@MicronautTest
class InvalidInputTest extends ServiceTest {
    InvalidInputTest() {
        super("it_invalid");
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity() {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme");
    }

    private ProfileServiceGrpc.ProfileServiceBlockingStub profiles() {
        return asTenant(ProfileServiceGrpc.newBlockingStub(service.channel()), "acme");
    }

    private static Identifier identifier(IdentifierKind kind, String value) {
        return Identifier.newBuilder().setKind(kind).setValue(value).build();
    }

    @Test
    void anEmptyIdentifierListIsRefusedNamingTheField() {
        assertThat(Failures.invalidFields(() -> identity().resolve(ResolveRequest.getDefaultInstance())))
                .containsExactly("identifiers");
    }

    @Test
    void anUnspecifiedOrUnknownKindIsRefusedNamingTheKind() {
        assertThat(Failures.invalidFields(() -> identity().resolve(ResolveRequest.newBuilder()
                .addIdentifiers(Identifier.newBuilder().setValue("x"))
                .addIdentifiers(Identifier.newBuilder().setKindValue(999).setValue("y")).build())))
                .containsExactly("identifiers[0].kind", "identifiers[1].kind");
    }

    @Test
    void aMalformedEmailIsRefusedNamingTheValue() {
        assertThat(Failures.invalidFields(() -> identity().resolve(ResolveRequest.newBuilder()
                .addIdentifiers(identifier(IdentifierKind.IDENTIFIER_KIND_EMAIL, "not-an-address")).build())))
                .containsExactly("identifiers[0].value");
    }

    @Test
    void everyFaultIsNamedAtOnce() {
        ResolveRequest request = ResolveRequest.newBuilder()
                .addIdentifiers(identifier(IdentifierKind.IDENTIFIER_KIND_PHONE, "call me"))
                .addIdentifiers(identifier(IdentifierKind.IDENTIFIER_KIND_CHANNEL_HANDLE, "abc"))
                .setAttributes(PersonAttributes.newBuilder().setLocale("not a locale").putCustom("Bad Key", "v"))
                .setObservedAt(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond() + 3600))
                .setIdempotencyKey("has space")
                .build();

        assertThat(Failures.invalidFields(() -> identity().resolve(request))).containsExactlyInAnyOrder(
                "identifiers[0].value", "identifiers[1].namespace", "attributes.locale",
                "attributes.custom[Bad Key]", "observed_at", "idempotency_key");
    }

    @Test
    void aRefusedRequestWritesNothingEvenForItsValidIdentifiers() {
        Identifier valid = identifier(IdentifierKind.IDENTIFIER_KIND_EMAIL, "valid-" + UUID.randomUUID() + "@example.com");
        Failures.invalidFields(() -> identity().resolve(ResolveRequest.newBuilder()
                .addIdentifiers(valid)
                .addIdentifiers(identifier(IdentifierKind.IDENTIFIER_KIND_EMAIL, "broken")).build()));

        assertThat(Failures.code(() -> profiles().getProfile(GetProfileRequest.newBuilder()
                .setLookup(ProfileLookup.newBuilder().setIdentifier(valid)).build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void anUnknownProfileIsNotFound() {
        assertThat(Failures.code(() -> profiles().getProfile(GetProfileRequest.newBuilder()
                .setLookup(ProfileLookup.newBuilder().setProfileId(UUID.randomUUID().toString())).build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(Failures.code(() -> profiles().getProfile(GetProfileRequest.newBuilder()
                .setLookup(ProfileLookup.newBuilder().setIdentifier(
                        identifier(IdentifierKind.IDENTIFIER_KIND_CRM_ID, "never-seen"))).build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void aMalformedLookupIsRefusedNamingTheField() {
        assertThat(Failures.invalidFields(() -> profiles().getProfile(GetProfileRequest.getDefaultInstance())))
                .containsExactly("lookup");
        assertThat(Failures.invalidFields(() -> profiles().getProfile(GetProfileRequest.newBuilder()
                .setLookup(ProfileLookup.newBuilder().setProfileId("42")).build())))
                .containsExactly("lookup.profile_id");
        assertThat(Failures.invalidFields(() -> profiles().getProfile(GetProfileRequest.newBuilder()
                .setLookup(ProfileLookup.newBuilder().setIdentifier(
                        identifier(IdentifierKind.IDENTIFIER_KIND_EMAIL, "nope"))).build())))
                .containsExactly("lookup.identifier.value");
    }
}
