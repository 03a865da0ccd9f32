package io.tellonce.profile.support;

import io.tellonce.proto.v1.GetIdentityGraphRequest;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierKind;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ResolveRequest;
import java.util.List;
import java.util.UUID;

/** Short ways to write the requests tests send. */
public final class Requests {
    private Requests() {
    }

    public static Identifier email(String value) {
        return identifier(IdentifierKind.IDENTIFIER_KIND_EMAIL, "", value);
    }

    public static Identifier phone(String value) {
        return identifier(IdentifierKind.IDENTIFIER_KIND_PHONE, "", value);
    }

    public static Identifier crm(String value) {
        return identifier(IdentifierKind.IDENTIFIER_KIND_CRM_ID, "", value);
    }

    public static Identifier whatsapp(String value) {
        return identifier(IdentifierKind.IDENTIFIER_KIND_CHANNEL_HANDLE, "whatsapp", value);
    }

    public static Identifier identifier(IdentifierKind kind, String namespace, String value) {
        return Identifier.newBuilder().setKind(kind).setNamespace(namespace).setValue(value).build();
    }

    /** An e-mail address no other test uses. */
    public static String uniqueEmail(String local) {
        return local + "-" + UUID.randomUUID() + "@example.com";
    }

    /** A UK mobile number no other test is likely to use. */
    public static String uniquePhone() {
        return "+447700" + (100_000 + (int) (Math.random() * 899_999));
    }

    public static ResolveRequest seen(String source, Identifier... identifiers) {
        return ResolveRequest.newBuilder().addAllIdentifiers(List.of(identifiers)).setSourceSystem(source).build();
    }

    public static GetProfileRequest profileById(String profileId) {
        return GetProfileRequest.newBuilder().setLookup(ProfileLookup.newBuilder().setProfileId(profileId)).build();
    }

    public static GetProfileRequest profileByIdentifier(Identifier identifier) {
        return GetProfileRequest.newBuilder().setLookup(ProfileLookup.newBuilder().setIdentifier(identifier)).build();
    }

    public static GetIdentityGraphRequest graphOf(String profileId) {
        return GetIdentityGraphRequest.newBuilder().setLookup(ProfileLookup.newBuilder().setProfileId(profileId)).build();
    }
}
