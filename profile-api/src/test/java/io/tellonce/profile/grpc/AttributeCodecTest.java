package io.tellonce.profile.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.type.Date;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.PostalAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeCodecTest {

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

        Map<String, String> flat = AttributeCodec.read(attributes, "attributes", problems);

        assertThat(problems).isEmpty();
        assertThat(flat).containsEntry("date_of_birth", "1990-12-31").containsEntry("custom.tier", "gold");
        assertThat(AttributeCodec.write(flat)).isEqualTo(attributes);
    }

    @Test
    void emptyValuesAreNotSuppliedAndImpossibleDatesAreNamed() {
        List<FieldViolation> problems = new ArrayList<>();

        Map<String, String> flat = AttributeCodec.read(PersonAttributes.newBuilder().setGivenName("  ")
                .setDateOfBirth(Date.newBuilder().setYear(2001).setMonth(2).setDay(29))
                .setAddress(PostalAddress.newBuilder().setCountryCode("GBR")).build(), "attributes", problems);

        assertThat(flat).isEmpty();
        assertThat(problems).extracting(FieldViolation::field)
                .containsExactly("attributes.date_of_birth", "attributes.address.country_code");
    }
}
