package io.tellonce.matching;

import static io.tellonce.matching.LevelTest.anything;
import static io.tellonce.matching.LevelTest.dayAndMonthSwapped;
import static io.tellonce.matching.LevelTest.editsAtMost;
import static io.tellonce.matching.LevelTest.exact;
import static io.tellonce.matching.LevelTest.folded;
import static io.tellonce.matching.LevelTest.jaroWinklerAtLeast;
import static io.tellonce.matching.LevelTest.sameEnding;
import static io.tellonce.matching.LevelTest.sameLocalPart;
import static io.tellonce.matching.LevelTest.soundsAlike;

import java.util.List;

/** The fields a matcher compares, in a fixed order, and how each one is compared. */
public record Comparisons(List<FieldComparator> fields) {

    public Comparisons {
        fields = List.copyOf(fields);
        if (fields.size() > ComparisonVector.MAX_FIELDS) {
            throw new IllegalArgumentException("at most " + ComparisonVector.MAX_FIELDS + " fields");
        }
    }

    public ComparisonVector compare(MatchRecord a, MatchRecord b) {
        long packed = 0;
        for (int i = 0; i < fields.size(); i++) {
            packed |= (long) (fields.get(i).compare(a, b) + 1) << (4 * i);
        }
        return new ComparisonVector(packed);
    }

    /**
     * The comparisons for people. Levels go from strongest to weakest agreement; the bands are the
     * usual ones for names (Jaro–Winkler 0.94/0.88/0.7, as in Splink's defaults) and for keyed
     * numbers (one or two edits, a swap counting as one).
     */
    public static Comparisons forPeople() {
        return new Comparisons(List.of(
                name(PersonField.GIVEN_NAME),
                name(PersonField.FAMILY_NAME),
                field(PersonField.DATE_OF_BIRTH,
                        level("exact", exact()), level("folded", folded()),
                        level("day and month swapped", dayAndMonthSwapped()),
                        level("1 edit", editsAtMost(1)), level("2 edits", editsAtMost(2)),
                        level("different", anything())),
                field(PersonField.STREET_NUMBER,
                        level("exact", folded()), level("1 edit", editsAtMost(1)), level("different", anything())),
                place(PersonField.STREET),
                place(PersonField.ADDRESS_EXTRA),
                place(PersonField.LOCALITY),
                field(PersonField.POSTCODE,
                        level("exact", folded()), level("1 edit", editsAtMost(1)), level("different", anything())),
                field(PersonField.REGION, level("exact", folded()), level("different", anything())),
                field(PersonField.EMAIL,
                        level("exact", folded()), level("same local part", sameLocalPart()),
                        level("jaro-winkler >= 0.88", jaroWinklerAtLeast(0.88)), level("different", anything())),
                field(PersonField.PHONE,
                        level("exact", folded()), level("1 edit", editsAtMost(1)),
                        level("same last 6 digits", sameEnding(6)), level("different", anything())),
                field(PersonField.NATIONAL_ID,
                        level("exact", folded()), level("1 edit", editsAtMost(1)), level("2 edits", editsAtMost(2)),
                        level("different", anything()))));
    }

    private static FieldComparator name(PersonField field) {
        return field(field,
                level("exact", exact()), level("folded", folded()),
                level("jaro-winkler >= 0.94", jaroWinklerAtLeast(0.94)),
                level("jaro-winkler >= 0.88", jaroWinklerAtLeast(0.88)),
                level("same sound", soundsAlike()),
                level("jaro-winkler >= 0.7", jaroWinklerAtLeast(0.7)),
                level("different", anything()));
    }

    private static FieldComparator place(PersonField field) {
        return field(field,
                level("exact", folded()),
                level("jaro-winkler >= 0.9", jaroWinklerAtLeast(0.9)),
                level("jaro-winkler >= 0.7", jaroWinklerAtLeast(0.7)),
                level("different", anything()));
    }

    private static FieldComparator field(PersonField field, ComparisonLevel... levels) {
        return new FieldComparator(field, List.of(levels));
    }

    private static ComparisonLevel level(String label, LevelTest test) {
        return new ComparisonLevel(label, test);
    }
}
