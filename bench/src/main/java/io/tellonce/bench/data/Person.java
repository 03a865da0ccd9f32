package io.tellonce.bench.data;

import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One synthetic customer as the CRM knows them. {@code email} and {@code phone} may be shared with the
 * other person of their household; {@code whatsApp}, when present, is always the person's own mobile.
 */
public record Person(int index, String givenName, String familyName, LocalDate dateOfBirth, String email,
                     String phone, Optional<String> whatsApp, Optional<String> crmId, Address address) {

    public record Address(String line, String locality, String postalCode, String countryCode) {
    }

    /** Every identifier the person is known by, strongest kinds first. */
    public List<Identifier> identifiers() {
        List<Identifier> identifiers = new ArrayList<>();
        crmId.ifPresent(id -> identifiers.add(identifier(IdentifierKind.IDENTIFIER_KIND_CRM_ID, "", id)));
        identifiers.add(identifier(IdentifierKind.IDENTIFIER_KIND_EMAIL, "", email));
        identifiers.add(identifier(IdentifierKind.IDENTIFIER_KIND_PHONE, "", phone));
        whatsApp.ifPresent(number -> identifiers.add(identifier(IdentifierKind.IDENTIFIER_KIND_CHANNEL_HANDLE,
                "whatsapp", number)));
        return List.copyOf(identifiers);
    }

    static Identifier identifier(IdentifierKind kind, String namespace, String value) {
        return Identifier.newBuilder().setKind(kind).setNamespace(namespace).setValue(value).build();
    }
}
