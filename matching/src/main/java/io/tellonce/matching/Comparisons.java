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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
                name(PersonField.GIVEN_NAME, swapped(PersonField.FAMILY_NAME, jaroWinklerAtLeast(0.88), true)),
                name(PersonField.FAMILY_NAME, swapped(PersonField.GIVEN_NAME, jaroWinklerAtLeast(0.88), false)),
                field(PersonField.DATE_OF_BIRTH,
                        level("exact", exact()), level("folded", folded()),
                        level("day and month swapped", dayAndMonthSwapped()),
                        level("1 edit", editsAtMost(1)), level("2 edits", editsAtMost(2)),
                        level("different", anything())),
                field(PersonField.STREET_NUMBER,
                        level("exact", folded()), level("1 edit", editsAtMost(1)), level("different", anything())),
                place(PersonField.STREET,
                        Optional.of(swapped(PersonField.ADDRESS_EXTRA, jaroWinklerAtLeast(0.9), true))),
                place(PersonField.ADDRESS_EXTRA,
                        Optional.of(swapped(PersonField.STREET, jaroWinklerAtLeast(0.9), false))),
                place(PersonField.LOCALITY, Optional.empty()),
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

    /**
     * A name, and the level of a name swapped with the other name field ("stephenson elizbeth" for
     * "elizabeth stephenson"), checked after the close spellings, so that it only speaks for values
     * that are otherwise far apart.
     */
    private static FieldComparator name(PersonField field, ComparisonLevel swap) {
        return field(field,
                level("exact", exact()), level("folded", folded()),
                level("jaro-winkler >= 0.94", jaroWinklerAtLeast(0.94)),
                level("jaro-winkler >= 0.88", jaroWinklerAtLeast(0.88)),
                swap,
                level("same sound", soundsAlike()),
                level("jaro-winkler >= 0.7", jaroWinklerAtLeast(0.7)),
                level("different", anything()));
    }

    /** A place; the two address lines also have the level of lines swapped between them. */
    private static FieldComparator place(PersonField field, Optional<ComparisonLevel> swap) {
        List<ComparisonLevel> levels = new ArrayList<>(List.of(
                level("exact", folded()),
                level("jaro-winkler >= 0.9", jaroWinklerAtLeast(0.9))));
        swap.ifPresent(levels::add);
        levels.add(level("jaro-winkler >= 0.7", jaroWinklerAtLeast(0.7)));
        levels.add(level("different", anything()));
        return new FieldComparator(field, levels);
    }

    /**
     * Labelled with the other field's wire name, as FindMatches explanations show fields. A swap is
     * weighed on the first field of the two only; the second says so in its label and weighs 0.
     */
    private static ComparisonLevel swapped(PersonField other, LevelTest test, boolean weighed) {
        String name = other.name().toLowerCase(Locale.ROOT);
        return ComparisonLevel.swappedWith(other, weighed ? "swapped with " + name
                : "swapped with " + name + " (counted there)", test, weighed);
    }

    private static FieldComparator field(PersonField field, ComparisonLevel... levels) {
        return new FieldComparator(field, List.of(levels));
    }

    private static ComparisonLevel level(String label, LevelTest test) {
        return new ComparisonLevel(label, test);
    }
}
