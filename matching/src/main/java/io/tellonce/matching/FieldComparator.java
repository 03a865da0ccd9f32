package io.tellonce.matching;

import java.util.List;

/**
 * Compares one field of two records: the first level (closest first) whose test holds is the
 * answer; a value absent on either side is {@link #MISSING}, which weighs nothing either way.
 */
public record FieldComparator(PersonField field, List<ComparisonLevel> levels) {
    public static final int MISSING = -1;
    /** Levels are packed in four bits each in a {@link ComparisonVector}, one value kept for "missing". */
    static final int MAX_LEVELS = 15;

    public FieldComparator {
        levels = List.copyOf(levels);
        if (levels.isEmpty() || levels.size() > MAX_LEVELS) {
            throw new IllegalArgumentException(field + ": between 1 and " + MAX_LEVELS + " levels");
        }
    }

    public int compare(MatchRecord a, MatchRecord b) {
        if (a.field(field) == null || b.field(field) == null) {
            return MISSING;
        }
        for (int i = 0; i < levels.size() - 1; i++) {
            if (levels.get(i).holds(field, a, b)) {
                return i;
            }
        }
        return levels.size() - 1;
    }

    public String label(int level) {
        return level == MISSING ? "missing" : levels.get(level).label();
    }
}
