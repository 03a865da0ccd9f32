package io.tellonce.profile.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.type.Date;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.PostalAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeCodecTest {
    private static final Instant NOW = Instant.parse("2026-12-07T23:00:00Z");

    @Test
    void everyAttributeSurvivesTheRoundTripThroughTheFlatMap() {
        PersonAttributes attributes = PersonAttributes.newBuilder()
                .setGivenName("Zoë").setFamilyName("Brontë").setFullName("Zoë Brontë")
                .setDateOfBirth(Date.newBuilder().setYear(1990).setMonth(12).setDay(31))
                .setLocale("fr-FR")
                .setAddress(PostalAddress.newBuilder().addLines("3 rue X").addLines("Bât. B").setLocality("Lyon")
                        .setPostalCode("69001").setRegion("ARA").setCountryCode("FR"))
                .putCustom("tier", "gold")
                .build();
        List<FieldViolation> problems = new ArrayList<>();

        Map<String, String> flat = AttributeCodec.read(attributes, "attributes", NOW, problems);

        assertThat(problems).isEmpty();
        assertThat(flat).containsEntry("date_of_birth", "1990-12-31").containsEntry("custom.tier", "gold");
        assertThat(AttributeCodec.write(flat)).isEqualTo(attributes);
    }

    @Test
    void emptyValuesAreNotSuppliedAndImpossibleDatesAreNamed() {
        List<FieldViolation> problems = new ArrayList<>();

        Map<String, String> flat = AttributeCodec.read(PersonAttributes.newBuilder().setGivenName("  ")
                .setDateOfBirth(Date.newBuilder().setYear(2001).setMonth(2).setDay(29))
                .setAddress(PostalAddress.newBuilder().setCountryCode("GBR")).build(), "attributes", NOW, problems);

        assertThat(flat).isEmpty();
        assertThat(problems).extracting(FieldViolation::field)
                .containsExactly("attributes.date_of_birth", "attributes.address.country_code");
    }

    @Test
    void datesOfBirthInTheFutureOrBefore1900AreRefusedAndTodayIsAcceptedInEveryTimeZone() {
        for (Date refused : List.of(date(2990, 1, 1), date(1899, 12, 31), date(2026, 12, 9), date(1, 1, 1))) {
            List<FieldViolation> problems = new ArrayList<>();
            AttributeCodec.read(PersonAttributes.newBuilder().setDateOfBirth(refused).build(), "attributes", NOW, problems);
            assertThat(problems).as("%s", refused).extracting(FieldViolation::field)
                    .containsExactly("attributes.date_of_birth");
        }
        // 23:00 UTC on the 7th is already the 8th in Kiribati.
        for (Date accepted : List.of(date(1900, 1, 1), date(2026, 12, 7), date(2026, 12, 8))) {
            List<FieldViolation> problems = new ArrayList<>();
            AttributeCodec.read(PersonAttributes.newBuilder().setDateOfBirth(accepted).build(), "attributes", NOW, problems);
            assertThat(problems).as("%s", accepted).isEmpty();
        }
    }

    @Test
    void controlCharactersInNamesAddressesAndCustomValuesAreRefused() {
        List<FieldViolation> problems = new ArrayList<>();

        AttributeCodec.read(PersonAttributes.newBuilder().setGivenName("Al\u0000ice").setFamilyName("Smi\u0007th")
                .setAddress(PostalAddress.newBuilder().addLines("1 High St").addLines("Flat\u001b[2J 2"))
                .putCustom("tier", "go\u0000ld").build(), "attributes", NOW, problems);

        assertThat(problems).extracting(FieldViolation::field).containsExactlyInAnyOrder("attributes.given_name",
                "attributes.family_name", "attributes.address.lines[1]", "attributes.custom[tier]");
    }

    private static Date date(int year, int month, int day) {
        return Date.newBuilder().setYear(year).setMonth(month).setDay(day).build();
    }
}
