package io.tellonce.matching;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.text.CaseMap;
import com.ibm.icu.text.Normalizer2;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Folds text for comparison, the one way matching and search both use: "Zoë Łukasz-Straße" and
 * "ZOE LUKASZ-STRASSE" both become "zoe lukasz-strasse".
 *
 * <ol>
 *   <li>compatibility decomposition (NFKD: "ﬁ" → "fi", "①" → "1", "é" → "e" + accent);</li>
 *   <li>every mark removed (the accents the decomposition split off);</li>
 *   <li>full case folding ("ẞ" and "ß" → "ss", "Σ" and "ς" → "σ");</li>
 *   <li>Latin letters that have no decomposition spelled as ICU's Latin-ASCII transform spells them:
 *       æ → ae, ø → o, ł → l, đ → d, œ → oe, þ → th, ı → i, ŋ → n and the rest of them;</li>
 *   <li>surrounding white space stripped.</li>
 * </ol>
 *
 * <p>Only Latin letters are spelled out: punctuation, symbols, digits and other scripts keep what the
 * first three steps make of them (Latin-ASCII would also turn "’" into "'", "©" into "(C)" and "₹"
 * into "Rs"). The result is idempotent: folding folded text changes nothing.
 *
 * <p>Steps 1 to 3 are ICU's (immutable, thread-safe services). Step 4 reads a table,
 * {@code latin-letters-ascii.txt}, that {@code TextFoldingTest} checks against ICU's Latin-ASCII
 * transform, rather than calling the transform: a rule-based ICU transliterator synchronises on its
 * rule data, which every instance of one transform shares (clones too), so it would be a lock shared
 * by every thread on the search and matching paths; a chain of transforms costs 10–15 µs per name
 * against well under 1 µs for this; and loading the transform takes half a second. The rules it
 * has for these letters are one letter to one spelling, without context, so the table is exact.
 */
public final class TextFolding {
    private static final Normalizer2 NFKD = Normalizer2.getNFKDInstance();
    private static final CaseMap.Fold CASE_FOLD = CaseMap.fold();
    private static final String TABLE = "latin-letters-ascii.txt";

    /** Case-folded Latin letters with no decomposition, ascending, and how each is spelled. */
    private static final int[] LETTERS;
    private static final String[] SPELLINGS;

    static {
        SortedMap<Integer, String> table = readTable();
        LETTERS = table.keySet().stream().mapToInt(Integer::intValue).toArray();
        SPELLINGS = table.values().toArray(String[]::new);
    }

    private TextFolding() {
    }

    /** "  Zoë Müller-Ångström " → "zoe muller-angstrom"; "Łukasz Øster" → "lukasz oster". */
    public static String fold(String text) {
        if (isAscii(text)) {
            return text.toLowerCase(Locale.ROOT).strip();
        }
        String folded = CASE_FOLD.apply(withoutMarks(NFKD.normalize(text)));
        return isAscii(folded) ? folded.strip() : spelled(folded).strip();
    }

    /** The table of step 4, letter to spelling. */
    static SortedMap<Integer, String> latinLetterSpellings() {
        SortedMap<Integer, String> table = new TreeMap<>();
        for (int i = 0; i < LETTERS.length; i++) {
            table.put(LETTERS[i], SPELLINGS[i]);
        }
        return Collections.unmodifiableSortedMap(table);
    }

    private static CharSequence withoutMarks(String decomposed) {
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int codePoint = decomposed.codePointAt(i);
            i += Character.charCount(codePoint);
            if (!isMark(codePoint)) {
                out.appendCodePoint(codePoint);
            }
        }
        return out;
    }

    private static String spelled(String folded) {
        StringBuilder out = new StringBuilder(folded.length() + 4);
        for (int i = 0; i < folded.length(); ) {
            int codePoint = folded.codePointAt(i);
            i += Character.charCount(codePoint);
            int at = codePoint < 0x80 ? -1 : Arrays.binarySearch(LETTERS, codePoint);
            if (at >= 0) {
                out.append(SPELLINGS[at]);
            } else {
                out.appendCodePoint(codePoint);
            }
        }
        return out.toString();
    }

    private static boolean isMark(int codePoint) {
        int type = UCharacter.getType(codePoint);
        return type == UCharacterCategory.NON_SPACING_MARK || type == UCharacterCategory.COMBINING_SPACING_MARK
                || type == UCharacterCategory.ENCLOSING_MARK;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Lines of "hex code point, spelling", each optionally followed by "# comment"; "#" lines are comments. */
    private static SortedMap<Integer, String> readTable() {
        SortedMap<Integer, String> table = new TreeMap<>();
        try (InputStream in = TextFolding.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + TABLE);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                int comment = line.indexOf('#');
                String entry = (comment < 0 ? line : line.substring(0, comment)).strip();
                if (!entry.isEmpty()) {
                    String[] parts = entry.split(" ");
                    table.put(Integer.parseInt(parts[0], 16), parts[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }
}
