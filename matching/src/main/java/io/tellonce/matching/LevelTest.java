package io.tellonce.matching;

/** Whether two present values of one field are at least as close as a comparison level asks. */
@FunctionalInterface
public interface LevelTest {

    boolean holds(FieldValue a, FieldValue b);

    static LevelTest exact() {
        return (a, b) -> a.raw().equals(b.raw());
    }

    /** Equal once case, accents and separators are folded: "Zoë" and "ZOE". */
    static LevelTest folded() {
        return (a, b) -> a.folded().equals(b.folded());
    }

    static LevelTest jaroWinklerAtLeast(double threshold) {
        return (a, b) -> JaroWinkler.similarity(a.folded(), b.folded()) >= threshold;
    }

    /** At most this many edits apart, a swap of two neighbouring characters being one. */
    static LevelTest editsAtMost(int edits) {
        return (a, b) -> Math.abs(a.folded().length() - b.folded().length()) <= edits
                && EditDistance.between(a.folded(), b.folded()) <= edits;
    }

    static LevelTest soundsAlike() {
        return FieldValue::soundsLike;
    }

    /** A date keyed day-first in one place and month-first in another: YYYYMMDD vs YYYYDDMM. */
    static LevelTest dayAndMonthSwapped() {
        return (a, b) -> {
            String x = a.folded();
            String y = b.folded();
            return x.length() == 8 && y.length() == 8 && x.startsWith(y.substring(0, 4))
                    && x.substring(4, 6).equals(y.substring(6, 8)) && x.substring(6, 8).equals(y.substring(4, 6));
        };
    }

    /** E-mail addresses with the same part before the @ (a person moving provider). */
    static LevelTest sameLocalPart() {
        return (a, b) -> localPart(a.folded()).equals(localPart(b.folded()));
    }

    static LevelTest sameEnding(int characters) {
        return (a, b) -> a.folded().length() >= characters && b.folded().length() >= characters
                && a.folded().endsWith(b.folded().substring(b.folded().length() - characters));
    }

    /** The last level of every field: anything else that is present. */
    static LevelTest anything() {
        return (a, b) -> true;
    }

    private static String localPart(String email) {
        int at = email.indexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }
}
