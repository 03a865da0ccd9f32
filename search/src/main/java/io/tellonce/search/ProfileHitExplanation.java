package io.tellonce.search;

import io.tellonce.matching.EditDistance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Says what made a profile match a search, and marks the matching parts of its names, from the
 * hit's stored fields. Elasticsearch could say this itself (named queries and the highlighter), but
 * both re-run every clause, fuzzy automata included, for every hit of every search: measured, that
 * made a typeahead search 20 times slower (2 ms to 47 ms per search on 20,000 people). The rules here
 * mirror the clauses of {@link ProfileQuery}, on the same folded text.
 */
public final class ProfileHitExplanation {
    /**
     * Where the standard analyser splits words: at anything but letters and digits, except a full
     * stop or an apostrophe between two of them ("o'brien" and "zoe.m" stay one word, as indexed).
     */
    private static final Pattern TOKEN_SEPARATORS = Pattern.compile(
            "(?:[^\\p{L}\\p{N}.']|(?<![\\p{L}\\p{N}])[.']|[.'](?![\\p{L}\\p{N}]))+");
    private static final int MAX_HIGHLIGHTS = 3;

    private ProfileHitExplanation() {
    }

    /** What matched ({@link ProfileQuery}'s clause names, in its order) and the highlighted names. */
    public record Explanation(List<String> matched, List<String> nameHighlights) {
        public Explanation {
            matched = List.copyOf(matched);
            nameHighlights = List.copyOf(nameHighlights);
        }
    }

    /** The fields of a hit, as the index stores them (folded). */
    public record HitFields(List<String> names, List<String> emails, List<String> phones, List<String> identifiers) {
        public HitFields {
            names = List.copyOf(names);
            emails = List.copyOf(emails);
            phones = List.copyOf(phones);
            identifiers = List.copyOf(identifiers);
        }
    }

    public static Explanation of(ProfileSearch search, HitFields hit) {
        String text = search.text();
        Set<String> matched = new LinkedHashSet<>();
        List<String> highlights = new ArrayList<>();
        if (!text.isEmpty()) {
            highlights = nameHighlights(text, hit.names());
            if (!highlights.isEmpty()) {
                matched.add(ProfileQuery.NAME);
            }
            if (!text.contains(" ")) {
                if (hit.emails().stream().anyMatch(email -> email.startsWith(text))) {
                    matched.add(ProfileQuery.EMAIL);
                }
                if (hit.identifiers().stream().anyMatch(id -> id.startsWith(text))) {
                    matched.add(ProfileQuery.IDENTIFIER);
                }
            }
        }
        search.phone().filter(hit.phones()::contains).ifPresent(phone -> matched.add(ProfileQuery.PHONE));
        ProfileQuery.phoneEnding(text).filter(ending -> hit.phones().stream()
                        .anyMatch(phone -> SearchText.reversedDigits(phone).startsWith(ending)))
                .ifPresent(ending -> matched.add(ProfileQuery.PHONE_ENDING));
        return new Explanation(List.copyOf(matched), highlights);
    }

    /**
     * The names with every word that matched in {@code <em>}, when the names match as a whole: the
     * name exactly, or every word of the text (the last as a prefix, as it is being typed), or every
     * word within the typo tolerance.
     */
    private static List<String> nameHighlights(String text, List<String> names) {
        List<String> words = tokens(text);
        if (words.isEmpty()) {
            return List.of();
        }
        List<String> nameWords = names.stream().flatMap(name -> tokens(name).stream()).toList();
        boolean exact = names.contains(text);
        boolean asTyped = allMatch(words, nameWords, true);
        boolean withTypos = allMatch(words, nameWords, false);
        if (!exact && !asTyped && !withTypos) {
            return List.of();
        }
        List<String> highlighted = new ArrayList<>();
        for (String name : names) {
            String marked = mark(name, words);
            if (!marked.equals(name) && highlighted.size() < MAX_HIGHLIGHTS) {
                highlighted.add(marked);
            }
        }
        return highlighted;
    }

    private static boolean allMatch(List<String> words, List<String> nameWords, boolean asTyped) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean last = i == words.size() - 1;
            boolean found = nameWords.stream().anyMatch(nameWord -> asTyped
                    ? (last ? nameWord.startsWith(word) : nameWord.equals(word))
                    : withinTypos(word, nameWord));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static String mark(String name, List<String> words) {
        StringBuilder marked = new StringBuilder();
        int at = 0;
        for (String nameWord : tokens(name)) {
            int start = name.indexOf(nameWord, at);
            marked.append(name, at, start);
            boolean hit = words.stream().anyMatch(word -> nameWord.startsWith(word) || withinTypos(word, nameWord));
            marked.append(hit ? "<em>" + nameWord + "</em>" : nameWord);
            at = start + nameWord.length();
        }
        return marked.append(name.substring(at)).toString();
    }

    /** Elasticsearch's fuzziness AUTO with a prefix length of 1: 0 edits up to 2 letters, 1 up to 5, then 2. */
    static boolean withinTypos(String word, String candidate) {
        int allowed = word.length() <= 2 ? 0 : word.length() <= 5 ? 1 : 2;
        if (word.isEmpty() || candidate.isEmpty() || word.charAt(0) != candidate.charAt(0)
                || Math.abs(word.length() - candidate.length()) > allowed) {
            return false;
        }
        return EditDistance.between(word, candidate) <= allowed;
    }

    private static List<String> tokens(String text) {
        return TOKEN_SEPARATORS.splitAsStream(text).filter(token -> !token.isEmpty()).toList();
    }
}
