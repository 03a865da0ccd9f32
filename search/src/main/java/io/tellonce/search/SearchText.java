package io.tellonce.search;

import io.tellonce.matching.TextFolding;
import java.util.regex.Pattern;

/**
 * Folds text the way the profile index stores it. The minimal Elasticsearch distribution has no
 * asciifolding filter, so documents and queries are folded here, in one place, the same way: with
 * matching's {@link TextFolding}, so that search and matching agree on what "the same" text is.
 */
public final class SearchText {
    private static final Pattern NON_DIGITS = Pattern.compile("[^0-9]");

    private SearchText() {
    }

    /** "Zoë  Müller-Ångström" → "zoe  muller-angstrom", "Łukasz Straße" → "lukasz strasse". */
    public static String fold(String text) {
        return TextFolding.fold(text);
    }

    /** The digits of a phone number, last first, so that "the last four digits" is a prefix query. */
    public static String reversedDigits(String phone) {
        return new StringBuilder(NON_DIGITS.matcher(phone).replaceAll("")).reverse().toString();
    }

    public static String digits(String text) {
        return NON_DIGITS.matcher(text).replaceAll("");
    }
}
