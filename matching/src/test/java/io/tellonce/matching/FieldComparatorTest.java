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

    private String level(PersonField field, String a, String b) {
        FieldComparator comparator = comparisons.fields().stream().filter(c -> c.field() == field).findFirst().orElseThrow();
        return comparator.label(comparator.compare(record("a", field, a), record("b", field, b)));
    }

    private MatchRecord record(String id, PersonField field, String value) {
        return preparation.prepare(new PersonRecord(id, value == null ? Map.of() : Map.of(field, value)));
    }
}
