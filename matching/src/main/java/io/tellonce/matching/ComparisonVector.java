package io.tellonce.matching;

/**
 * The level of every field for one pair, packed into a long (four bits a field, 0 for missing) so
 * that the millions of pairs of an estimation run can be counted by pattern without allocating.
 */
public record ComparisonVector(long packed) {
    static final int MAX_FIELDS = 16;

    public static ComparisonVector of(int... levels) {
        if (levels.length > MAX_FIELDS) {
            throw new IllegalArgumentException("at most " + MAX_FIELDS + " fields");
        }
        long packed = 0;
        for (int i = 0; i < levels.length; i++) {
            packed |= (long) (levels[i] + 1) << (4 * i);
        }
        return new ComparisonVector(packed);
    }

    /** The level of the field at this position, or {@link FieldComparator#MISSING}. */
    public int level(int field) {
        return (int) ((packed >>> (4 * field)) & 0xF) - 1;
    }
}
