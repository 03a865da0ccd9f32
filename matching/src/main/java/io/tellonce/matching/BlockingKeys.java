package io.tellonce.matching;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The keys under which a record is found as a candidate. Two records become a candidate pair when
 * they share any key. Most keys join two fields, so that each is selective on its own at scale, and
 * there are many of them over different fields, so that one mistyped or missing field cannot hide a
 * true pair: a pair is lost only if every key has a damaged field.
 *
 * <p>Keys are plain strings with a rule prefix ("dob:19710624"), so the same keys can be stored as
 * one keyword field of a search document and looked up with one terms query.
 */
public final class BlockingKeys {
    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}]+");

    public Set<String> keys(MatchRecord record) {
        Set<String> keys = new TreeSet<>();
        String given = sound(record, PersonField.GIVEN_NAME);
        String family = sound(record, PersonField.FAMILY_NAME);
        String dob = folded(record, PersonField.DATE_OF_BIRTH);
        String year = dob.length() >= 4 ? dob.substring(0, 4) : "";
        String postcode = folded(record, PersonField.POSTCODE);
        String locality = prefix(folded(record, PersonField.LOCALITY), 4);
        String id = folded(record, PersonField.NATIONAL_ID);
        String givenText = letters(record, PersonField.GIVEN_NAME);
        String familyText = letters(record, PersonField.FAMILY_NAME);

        // Name sounds in either order: a given and family name swapped between sources still meet.
        if (!given.isEmpty() && !family.isEmpty()) {
            keys.add("names:" + (given.compareTo(family) <= 0 ? given + "|" + family : family + "|" + given));
        }
        add(keys, "prefixes:", prefix(givenText, 3), prefix(familyText, 3));
        add(keys, "dob:", dob);
        // Each name sound under one rule for both name fields, so that swapped names still meet.
        for (String name : List.of(given, family)) {
            add(keys, "name-year:", name, year);
            // A year mistyped or guessed leaves month and day.
            add(keys, "name-day:", name, dob.length() == 8 ? dob.substring(4) : "");
            add(keys, "name-postcode:", name, postcode);
            add(keys, "name-locality:", name, locality);
        }
        String street = firstWord(folded(record, PersonField.STREET));
        String number = folded(record, PersonField.STREET_NUMBER);
        // The address alone, for a person whose name and date of birth were both mistyped.
        add(keys, "postcode-number:", postcode, number);
        add(keys, "street-number:", street, number);
        add(keys, "postcode-street:", postcode, street);
        add(keys, "locality-street:", locality, street);
        add(keys, "id:", id);
        // Id fragments: a keying slip in an id leaves its start or its end intact.
        if (id.length() >= 6) {
            add(keys, "id-start:", id.substring(0, 4), prefix(familyText, 1));
            add(keys, "id-end:", id.substring(id.length() - 4), prefix(givenText, 1));
        }
        // E-mail fragments: the letters of each side of the @, so that "a.jones6@x-y.com" and
        // "ajones-@x6y.com" meet on "ajones"; the domain only with the first letter, as big
        // providers' domains are shared by millions.
        String email = folded(record, PersonField.EMAIL);
        int at = email.indexOf('@');
        if (at > 0) {
            String local = email.substring(0, at);
            add(keys, "email:", local);
            add(keys, "email-letters:", onlyLetters(local));
            add(keys, "email-domain:", onlyLetters(email.substring(at + 1)), prefix(onlyLetters(local), 1));
        }
        String phone = folded(record, PersonField.PHONE);
        if (phone.length() >= 7) {
            keys.add("phone:" + phone.substring(phone.length() - 7));
        }
        return keys;
    }

    private static void add(Set<String> keys, String rule, String... parts) {
        for (String part : parts) {
            if (part.isEmpty()) {
                return;
            }
        }
        keys.add(rule + String.join("|", parts));
    }

    private static String sound(MatchRecord record, PersonField field) {
        FieldValue value = record.field(field);
        return value == null ? "" : value.sound();
    }

    private static String folded(MatchRecord record, PersonField field) {
        FieldValue value = record.field(field);
        return value == null ? "" : value.folded();
    }

    private static String letters(MatchRecord record, PersonField field) {
        return folded(record, field).replace(" ", "");
    }

    private static String prefix(String text, int length) {
        return text.length() < length ? "" : text.substring(0, length);
    }

    private static String firstWord(String text) {
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }

    private static String onlyLetters(String text) {
        return NOT_LETTERS.matcher(text).replaceAll("");
    }
}
