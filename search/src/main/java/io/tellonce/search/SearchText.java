package io.tellonce.search;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds text the way the profile index stores it. The minimal Elasticsearch distribution has no
 * asciifolding filter, so documents and queries are folded here, in one place, the same way.
 */
public final class SearchText {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_DIGITS = Pattern.compile("[^0-9]");

    private SearchText() {
    }

    /** "Zoë  Müller-Ångström" → "zoe  muller-angstrom": accents and case folded. */
    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT).strip();
    }

    /** The digits of a phone number, last first, so that "the last four digits" is a prefix query. */
    public static String reversedDigits(String phone) {
        return new StringBuilder(NON_DIGITS.matcher(phone).replaceAll("")).reverse().toString();
    }

    public static String digits(String text) {
        return NON_DIGITS.matcher(text).replaceAll("");
    }
}
