package io.tellonce.matching;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.text.CaseMap;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.text.UnicodeSet;
import com.ibm.icu.text.UnicodeSetIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextFoldingTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "ß, ss", "ẞ, ss", "Straße, strasse", "STRASSE, strasse",
            "æ, ae", "Æ, ae", "Ægir, aegir",
            "ø, o", "Ø, o", "Søren, soren",
            "ł, l", "Ł, l", "Łukasz Wałęsa, lukasz walesa",
            "đ, d", "Đ, d", "Đorđe, dorde",
            "œ, oe", "Œ, oe", "ŒUVRE, oeuvre",
            "þ, th", "Þ, th", "Þórunn, thorunn",
            "ı, i", "İ, i", "Iİıi, iiii",
            "ð, d", "ŋ, n", "ħ, h", "ĳ, ij", "ǅ, dz",
    })
    void lettersWithoutADecompositionFoldAsAPersonReadsThem(String text, String folded) {
        assertThat(TextFolding.fold(text)).isEqualTo(folded);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "é, e", "É, e", "José García, jose garcia", "Zoë Müller-Ångström, zoe muller-angstrom",
            "ﬁ, fi", "①, 1", "ΣΊΣΥΦΟΣ, σισυφοσ", "Иванов, иванов",
    })
    void accentsCaseAndCompatibilityFormsStillFold(String text, String folded) {
        assertThat(TextFolding.fold(text)).isEqualTo(folded);
    }

    @Test
    void punctuationSymbolsSpacesAndDigitsAreKeptAsTheyWere() {
        // Latin-ASCII would spell these out too ("'", "Rs500", "(C)"); only letters are folded.
        assertThat(TextFolding.fold("O’Brien ₹500 ©")).isEqualTo("o’brien ₹500 ©");
        assertThat(TextFolding.fold("  Smith  Jones\t")).isEqualTo("smith  jones");
        assertThat(TextFolding.fold("1971-06-24")).isEqualTo("1971-06-24");
        assertThat(TextFolding.fold("")).isEmpty();
    }

    @Test
    void everyAssignedCodePointFoldsOnceAndForAllWithoutMarks() {
        List<String> unsettled = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (UCharacter.getType(codePoint) == UCharacterCategory.UNASSIGNED
                    || UCharacter.getType(codePoint) == UCharacterCategory.SURROGATE) {
                continue;
            }
            String folded = TextFolding.fold(Character.toString(codePoint));
            if (!TextFolding.fold(folded).equals(folded) || folded.codePoints().anyMatch(TextFoldingTest::isMark)) {
                unsettled.add(String.format("U+%04X → %s", codePoint, folded));
            }
        }
        assertThat(unsettled).isEmpty();
    }

    @Test
    void eachLatinLetterFoldsAsIcusOwnTransformsDoIt() {
        Transliterator icu = icuChain();
        for (UnicodeSetIterator it = new UnicodeSetIterator(new UnicodeSet("[:Latin:]")); it.next(); ) {
            String letter = Character.toString(it.codepoint);
            assertThat(TextFolding.fold(letter)).as("U+%04X", it.codepoint)
                    .isEqualTo(icu.transliterate(letter).strip());
        }
    }

    @Test
    void theLatinLettersTableIsWhatIcusLatinAsciiTransformSays() {
        Normalizer2 nfkd = Normalizer2.getNFKDInstance();
        CaseMap.Fold fold = CaseMap.fold();
        Transliterator latinAscii = Transliterator.getInstance("Latin-ASCII");
        SortedMap<Integer, String> expected = new TreeMap<>();
        StringBuilder file = new StringBuilder();
        for (UnicodeSetIterator it = new UnicodeSetIterator(new UnicodeSet("[[:Latin:]&[:L:]]")); it.next(); ) {
            String letter = Character.toString(it.codepoint);
            String spelled = fold.apply(latinAscii.transliterate(letter));
            if (nfkd.isNormalized(letter) && fold.apply(letter).equals(letter) && !spelled.equals(letter)) {
                expected.put(it.codepoint, spelled);
                file.append(String.format(Locale.ROOT, "%04X %s # %s %s%n", it.codepoint, spelled, letter,
                        UCharacter.getName(it.codepoint).toLowerCase(Locale.ROOT)));
            }
        }
        assertThat(TextFolding.latinLetterSpellings())
                .as("ICU's Latin-ASCII changed: replace the entries of latin-letters-ascii.txt with%n%s", file)
                .isEqualTo(expected);
    }

    @Property(tries = 300)
    void textFoldsAsIcusOwnTransformsDoIt(@ForAll("mixedText") String text) {
        assertThat(TextFolding.fold(text)).isEqualTo(icuChain().transliterate(text).strip());
    }

    @Test
    void threadsFoldingAtOnceGetWhatOneThreadGets() throws Exception {
        List<String> names = List.of("Łukasz Wałęsa", "Søren Ægir", "Straße", "Đorđe", "Zoë Müller", "ŒUVRE", "Þór");
        List<String> expected = names.stream().map(TextFolding::fold).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        if (!TextFolding.fold(names.get(i % names.size())).equals(expected.get(i % names.size()))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The same folding as a chain of ICU transforms: slow (a shared lock, 10–15 µs a name), so only a reference. */
    private static Transliterator icuChain() {
        return Transliterator.getInstance(
                "NFKD; [:M:] Remove; Any-CaseFold; [[:Latin:]&[:L:]] Latin-ASCII; Any-CaseFold");
    }

    @Provide
    Arbitrary<String> mixedText() {
        return Arbitraries.strings().withChars("aeZ ßẞæÆøØłŁđĐœŒþÞıİðŋĳǅéÉüÖåÅçñ-'’.ﬁ①ΣςИ₹©\t")
                .withCharRange('\u0100', '\u024F').ofMaxLength(16);
    }

    private static boolean isMark(int codePoint) {
        int type = UCharacter.getType(codePoint);
        return type == UCharacterCategory.NON_SPACING_MARK || type == UCharacterCategory.COMBINING_SPACING_MARK
                || type == UCharacterCategory.ENCLOSING_MARK;
    }
}
