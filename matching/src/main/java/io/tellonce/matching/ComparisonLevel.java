package io.tellonce.matching;

import java.util.Objects;
import java.util.Optional;

/**
 * One rung of a field's agreement ladder, from "exact" down to "anything else". Most levels compare
 * the field with the same field of the other record; a level {@code across} another field compares
 * each record's value with the other record's value of that field instead, in both directions, so
 * that a given and a family name (or two address lines) swapped between sources read as swapped
 * rather than as two disagreeing fields.
 *
 * <p>A level that is not {@code weighed} always weighs 0 (its m is its u): it names what the field
 * shows, but its evidence is counted on another field. A swap is one event seen on two fields; the
 * model assumes fields independent, so weighing it on both would count it twice (on the Splink
 * data, +32 bits for "Harley Smith" vs "Smith Harley" with nothing else agreeing).
 */
public record ComparisonLevel(String label, LevelTest test, Optional<PersonField> across, boolean weighed) {

    public ComparisonLevel {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(across, "across");
    }

    public ComparisonLevel(String label, LevelTest test) {
        this(label, test, Optional.empty(), true);
    }

    /** The level of values swapped with {@code other}: a's field is like b's other field, and b's field like a's. */
    public static ComparisonLevel swappedWith(PersonField other, String label, LevelTest test, boolean weighed) {
        return new ComparisonLevel(label, test, Optional.of(other), weighed);
    }

    /** Whether the pair reaches this level on {@code field}, both records having it. */
    boolean holds(PersonField field, MatchRecord a, MatchRecord b) {
        if (across.isEmpty()) {
            return test.holds(a.field(field), b.field(field));
        }
        FieldValue aOther = a.field(across.get());
        FieldValue bOther = b.field(across.get());
        return aOther != null && bOther != null
                && test.holds(a.field(field), bOther) && test.holds(b.field(field), aOther);
    }
}
