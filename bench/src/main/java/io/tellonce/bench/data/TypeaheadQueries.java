package io.tellonce.bench.data;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * What an agent types into the search box while a customer spells out who they are: the start of a
 * name (sometimes with a typo), the last digits of a phone number, the start of an e-mail address.
 */
public final class TypeaheadQueries {
    private TypeaheadQueries() {
    }

    /** The kinds of text, in the order {@link #of} picks them from. */
    public enum Kind { NAME_PREFIX, FULL_NAME_PREFIX, NAME_WITH_TYPO, PHONE_ENDING, EMAIL_PREFIX }

    /** A query of a random kind for the person. */
    public static String of(Person person, RandomGenerator random) {
        return of(Kind.values()[random.nextInt(Kind.values().length)], person, random);
    }

    public static String of(Kind kind, Person person, RandomGenerator random) {
        String given = person.givenName().toLowerCase(Locale.ROOT);
        String family = person.familyName().toLowerCase(Locale.ROOT);
        return switch (kind) {
            // Typeahead fires from the third character on.
            case NAME_PREFIX -> prefix(given, 3, random);
            case FULL_NAME_PREFIX -> given + " " + prefix(family, 2, random);
            case NAME_WITH_TYPO -> typo(given, random) + " " + family;
            case PHONE_ENDING -> {
                String digits = person.phone().replaceAll("[^0-9]", "");
                yield digits.substring(digits.length() - (4 + random.nextInt(3)));
            }
            case EMAIL_PREFIX -> prefix(person.email().substring(0, person.email().indexOf('@')), 3, random);
        };
    }

    private static String prefix(String word, int shortest, RandomGenerator random) {
        if (word.length() <= shortest) {
            return word;
        }
        return word.substring(0, shortest + random.nextInt(word.length() - shortest + 1));
    }

    /**
     * One slip of the finger after the first letter (which typists rarely get wrong, and which the search
     * does not forgive): a letter dropped, doubled or swapped with the next.
     */
    static String typo(String word, RandomGenerator random) {
        if (word.length() < 4) {
            return word;
        }
        int at = 1 + random.nextInt(word.length() - 2);
        return switch (random.nextInt(3)) {
            case 0 -> word.substring(0, at) + word.substring(at + 1);
            case 1 -> word.substring(0, at + 1) + word.charAt(at) + word.substring(at + 1);
            default -> word.charAt(at) == word.charAt(at + 1) ? word.substring(0, at) + word.substring(at + 1)
                    : word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
        };
    }
}
