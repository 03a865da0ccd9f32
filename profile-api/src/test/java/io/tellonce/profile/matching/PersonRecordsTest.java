package io.tellonce.profile.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.matching.BlockingKeys;
import io.tellonce.matching.MatchRecord;
import io.tellonce.matching.PersonField;
import io.tellonce.matching.RecordPreparation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonRecordsTest {
    private final PersonRecords records = new PersonRecords(new RecordPreparation(), new BlockingKeys());

    @Test
    void storedAttributesAndContactPointsBecomeTheMatchersFields() {
        MatchRecord record = records.record("p1", Map.of("given_name", "Jon", "family_name", "Smyth",
                "date_of_birth", "1980-03-14", "address.lines", "12a High Street\nFlat 3",
                "address.postal_code", "SW1A 1AA", "address.locality", "London"),
                List.of(new Identifier(IdentifierKind.CRM_ID, "", "C-1"),
                        new Identifier(IdentifierKind.EMAIL, "", "jon@example.com")));

        assertThat(record.field(PersonField.DATE_OF_BIRTH).folded()).isEqualTo("19800314");
        assertThat(record.field(PersonField.STREET_NUMBER).folded()).isEqualTo("12a");
        assertThat(record.field(PersonField.STREET).folded()).isEqualTo("high street");
        assertThat(record.field(PersonField.ADDRESS_EXTRA).folded()).isEqualTo("flat 3");
        assertThat(record.field(PersonField.POSTCODE).folded()).isEqualTo("sw1a1aa");
        assertThat(record.field(PersonField.EMAIL).folded()).isEqualTo("jon@example.com");
        assertThat(record.field(PersonField.PHONE)).isNull();
        assertThat(records.keys(record)).contains("dob:19800314");
    }

    @Test
    void theFieldsTheIndexKeepsScoreExactlyAsTheProfileItself() {
        Map<String, String> attributes = Map.of("full_name", "Mary Ann Jones", "date_of_birth", "1971-12-01",
                "address.lines", "7 Rue Lepic", "address.postal_code", "75018", "address.region", "IDF");
        List<Identifier> identifiers = List.of(new Identifier(IdentifierKind.PHONE, "", "+33612345678"),
                new Identifier(IdentifierKind.EMAIL, "", "mary@example.com"));
        MatchRecord fromProfile = records.record("p3", attributes, identifiers);

        Map<String, String> stored = PersonRecords.stored(records.person("p3", attributes, identifiers));

        assertThat(stored).containsEntry("family_name", "Jones").containsEntry("street_number", "7")
                .containsEntry("phone", "+33612345678").doesNotContainKey("locality");
        assertThat(records.record("p3", stored)).isEqualTo(fromProfile);

        Map<String, String> fromALaterVersion = new HashMap<>(stored);
        fromALaterVersion.put("middle_name", "Ann");
        assertThat(records.record("p3", fromALaterVersion)).as("a field this version does not know is left out")
                .isEqualTo(fromProfile);
    }

    @Test
    void aFullNameAloneIsSplitAtItsLastWord() {
        MatchRecord record = records.record("p2", Map.of("full_name", "Mary Ann Jones"), List.of());
        assertThat(record.field(PersonField.GIVEN_NAME).raw()).isEqualTo("Mary Ann");
        assertThat(record.field(PersonField.FAMILY_NAME).raw()).isEqualTo("Jones");
    }

    @Test
    void theSameSpellingVariantsMeetOnABlockingKey() {
        MatchRecord jon = records.record("a", Map.of("given_name", "Jon", "family_name", "Smyth",
                "date_of_birth", "1980-03-14"), List.of());
        MatchRecord john = records.record("b", Map.of("given_name", "John", "family_name", "Smith",
                "date_of_birth", "1980-03-14"), List.of());
        assertThat(records.keys(jon)).containsAnyElementsOf(records.keys(john));
    }

    @Test
    void thePolicyReviewsFromOneThresholdAndMergesFromTheOtherOnlyWhenEnabled() {
        MatchPolicy off = new MatchPolicy(true, 0.9, false, 0.9999);
        MatchPolicy on = new MatchPolicy(true, 0.9, true, 0.9999);
        assertThat(off.decide(0.5)).isEqualTo(MatchPolicy.Decision.NONE);
        assertThat(off.decide(0.9)).isEqualTo(MatchPolicy.Decision.REVIEW);
        assertThat(off.decide(0.99999)).isEqualTo(MatchPolicy.Decision.REVIEW);
        assertThat(on.decide(0.99999)).isEqualTo(MatchPolicy.Decision.AUTO_MERGE);
        assertThatThrownBy(() -> new MatchPolicy(true, 0.9, true, 0.8)).isInstanceOf(IllegalArgumentException.class);
    }
}
