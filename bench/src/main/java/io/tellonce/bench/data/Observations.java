package io.tellonce.bench.data;

import com.google.type.Date;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierKind;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.PostalAddress;
import io.tellonce.proto.v1.ResolveRequest;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/** What channels tell tellonce about synthetic people, as Resolve requests. */
public final class Observations {
    private final long seed;

    public Observations(long seed) {
        this.seed = seed;
    }

    /**
     * The CRM's record of a person: every identifier and attribute. The idempotency key makes seeding
     * repeatable: seeding the same population again changes nothing.
     */
    public ResolveRequest crmRecord(Person person) {
        return ResolveRequest.newBuilder()
                .addAllIdentifiers(person.identifiers())
                .setAttributes(attributes(person))
                .setSourceSystem("crm")
                .setIdempotencyKey("bench-seed-" + seed + "-" + person.index())
                .build();
    }

    /** What one channel sees of a known person: a call, a WhatsApp message, a web login or a CRM lookup. */
    public ResolveRequest channelContact(Person person, RandomGenerator random) {
        ResolveRequest.Builder request = ResolveRequest.newBuilder();
        switch (random.nextInt(4)) {
            case 0 -> request.setSourceSystem("telephony").addIdentifiers(
                    Person.identifier(IdentifierKind.IDENTIFIER_KIND_PHONE, "", person.phone()));
            case 1 -> request.setSourceSystem("whatsapp").addIdentifiers(person.whatsApp()
                    .map(number -> Person.identifier(IdentifierKind.IDENTIFIER_KIND_CHANNEL_HANDLE, "whatsapp", number))
                    .orElse(Person.identifier(IdentifierKind.IDENTIFIER_KIND_PHONE, "", person.phone())));
            case 2 -> request.setSourceSystem("web").addIdentifiers(
                    Person.identifier(IdentifierKind.IDENTIFIER_KIND_EMAIL, "", person.email()));
            default -> request.setSourceSystem("crm").addAllIdentifiers(person.identifiers().subList(0, 2));
        }
        return request.build();
    }

    /** Any one of the person's identifiers, as a caller would look them up. */
    public static Identifier anyIdentifier(Person person, RandomGenerator random) {
        List<Identifier> identifiers = person.identifiers();
        return identifiers.get(random.nextInt(identifiers.size()));
    }

    /** The person's attributes as the CRM has them. */
    static PersonAttributes attributes(Person person) {
        Person.Address address = person.address();
        return PersonAttributes.newBuilder()
                .setGivenName(person.givenName())
                .setFamilyName(person.familyName())
                .setDateOfBirth(Date.newBuilder().setYear(person.dateOfBirth().getYear())
                        .setMonth(person.dateOfBirth().getMonthValue()).setDay(person.dateOfBirth().getDayOfMonth()))
                .setLocale("en-" + address.countryCode().toUpperCase(Locale.ROOT))
                .setAddress(PostalAddress.newBuilder().addLines(address.line()).setLocality(address.locality())
                        .setPostalCode(address.postalCode()).setCountryCode(address.countryCode()))
                .build();
    }
}
