package io.tellonce.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldComparatorTest {
    private final RecordPreparation preparation = new RecordPreparation();
    private final Comparisons comparisons = Comparisons.forPeople();

    @Test
    void aFieldMissingOnEitherSideIsMissingNotDifferent() {
        assertThat(level(PersonField.GIVEN_NAME, "Zoë", null)).isEqualTo("missing");
        assertThat(level(PersonField.GIVEN_NAME, "  ", "Zoë")).isEqualTo("missing");
    }

    @Test
    void namesGoDownTheLadderFromExactToDifferent() {
        assertThat(level(PersonField.GIVEN_NAME, "Zoë", "Zoë")).isEqualTo("exact");
        assertThat(level(PersonField.GIVEN_NAME, "Zoë", "ZOE")).isEqualTo("folded");
        assertThat(level(PersonField.FAMILY_NAME, "Martha", "Marhta")).isEqualTo("jaro-winkler >= 0.94");
        assertThat(level(PersonField.FAMILY_NAME, "Dwayne", "Duane")).isEqualTo("same sound");
        assertThat(level(PersonField.FAMILY_NAME, "Smith", "Nguyen")).isEqualTo("different");
    }

    @Test
    void lettersThatDoNotDecomposeFoldLikeAccents() {
        assertThat(level(PersonField.GIVEN_NAME, "Łukasz", "LUKASZ")).isEqualTo("folded");
        assertThat(level(PersonField.GIVEN_NAME, "Søren", "Soren")).isEqualTo("folded");
        assertThat(level(PersonField.FAMILY_NAME, "Straße", "STRASSE")).isEqualTo("folded");
        assertThat(level(PersonField.FAMILY_NAME, "Đorđević", "Dordevic")).isEqualTo("folded");
        assertThat(level(PersonField.LOCALITY, "Þórshöfn", "thorshofn")).isEqualTo("exact");
        assertThat(level(PersonField.STREET, "Œuvre-Straße", "oeuvre strasse")).as("separators too")
                .isEqualTo("exact");
        assertThat(level(PersonField.EMAIL, "Łukasz@Example.com", "lukasz@example.com")).isEqualTo("exact");
    }

    @Test
    void eachFieldKeepsItsOwnSeparatorsAfterFolding() {
        assertThat(RecordPreparation.fold(PersonField.FAMILY_NAME, "  Æsir--O'Brien.  Smith "))
                .isEqualTo("aesir o brien smith");
        assertThat(RecordPreparation.fold(PersonField.DATE_OF_BIRTH, "1971-06-24")).isEqualTo("19710624");
        assertThat(RecordPreparation.fold(PersonField.POSTCODE, "SW1A 1AA")).isEqualTo("sw1a1aa");
        assertThat(RecordPreparation.fold(PersonField.EMAIL, "Ana García @Example.com"))
                .isEqualTo("anagarcia@example.com");
    }

    @Test
    void datesOfBirthKnowTheirUsualSlips() {
        assertThat(level(PersonField.DATE_OF_BIRTH, "1971-06-24", "19710624")).isEqualTo("folded");
        assertThat(level(PersonField.DATE_OF_BIRTH, "19710624", "19712406")).isEqualTo("day and month swapped");
        assertThat(level(PersonField.DATE_OF_BIRTH, "19710624", "19710642")).isEqualTo("1 edit");
        assertThat(level(PersonField.DATE_OF_BIRTH, "19710624", "19810625")).isEqualTo("2 edits");
        assertThat(level(PersonField.DATE_OF_BIRTH, "19710624", "19550101")).isEqualTo("different");
    }

    @Test
    void eMailsAndPhonesAgreeOnTheirParts() {
        assertThat(level(PersonField.EMAIL, "Ana.Garcia@Example.com", "ana.garcia@example.com")).isEqualTo("exact");
        assertThat(level(PersonField.EMAIL, "ana.garcia@example.com", "ana.garcia@mail.es")).isEqualTo("same local part");
        assertThat(level(PersonField.PHONE, "+44 7700 900123", "07700 900123")).isEqualTo("same last 6 digits");
        assertThat(level(PersonField.PHONE, "07700 900123", "07700-900123")).isEqualTo("exact");
    }

    @Test
    void namesSwappedBetweenTheTwoNameFieldsReadAsSwappedOnBothAndWeighOnOne() {
        // Febrl 3's "elizabeth stephenson" and "stephenson elizbeth": swapped, with a slip in one.
        MatchRecord a = people("a", Map.of(PersonField.GIVEN_NAME, "elizabeth", PersonField.FAMILY_NAME, "stephenson"));
        MatchRecord b = people("b", Map.of(PersonField.GIVEN_NAME, "stephenson", PersonField.FAMILY_NAME, "elizbeth"));

        assertThat(level(PersonField.GIVEN_NAME, a, b)).isEqualTo("swapped with family_name");
        assertThat(level(PersonField.FAMILY_NAME, a, b)).isEqualTo("swapped with given_name (counted there)");
        assertThat(level(PersonField.GIVEN_NAME, b, a)).as("either way round").isEqualTo("swapped with family_name");
    }

    @Test
    void aNameEqualToTheOtherFieldOnOneSideOnlyIsNotASwap() {
        // "john john" vs "john smith": the given names agree; the family names do not, and no swap explains it.
        MatchRecord a = people("a", Map.of(PersonField.GIVEN_NAME, "john", PersonField.FAMILY_NAME, "john"));
        MatchRecord b = people("b", Map.of(PersonField.GIVEN_NAME, "john", PersonField.FAMILY_NAME, "smith"));
        MatchRecord onlyGiven = people("c", Map.of(PersonField.GIVEN_NAME, "smith"));

        assertThat(level(PersonField.FAMILY_NAME, a, b)).isEqualTo("different");
        assertThat(level(PersonField.GIVEN_NAME, b, onlyGiven)).as("the other record has no family name")
                .isEqualTo("different");
    }

    @Test
    void addressLinesSwappedBetweenStreetAndExtraLineReadAsSwapped() {
        MatchRecord a = people("a", Map.of(PersonField.STREET, "woollum street", PersonField.ADDRESS_EXTRA, "allunga"));
        MatchRecord b = people("b", Map.of(PersonField.STREET, "allunga", PersonField.ADDRESS_EXTRA, "woolum street"));

        assertThat(level(PersonField.STREET, a, b)).isEqualTo("swapped with address_extra");
        assertThat(level(PersonField.ADDRESS_EXTRA, a, b)).isEqualTo("swapped with street (counted there)");
        assertThat(level(PersonField.LOCALITY, a, b)).as("a field without a partner").isEqualTo("missing");
    }

    private String level(PersonField field, MatchRecord a, MatchRecord b) {
        FieldComparator comparator = comparisons.fields().stream().filter(c -> c.field() == field).findFirst().orElseThrow();
        return comparator.label(comparator.compare(a, b));
    }

    private MatchRecord people(String id, Map<PersonField, String> values) {
        return preparation.prepare(new PersonRecord(id, values));
    }

    private String level(PersonField field, String a, String b) {
        return level(field, record("a", field, a), record("b", field, b));
    }

    private MatchRecord record(String id, PersonField field, String value) {
        return preparation.prepare(new PersonRecord(id, value == null ? Map.of() : Map.of(field, value)));
    }
}
