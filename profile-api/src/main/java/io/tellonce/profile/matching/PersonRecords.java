package io.tellonce.profile.matching;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.matching.BlockingKeys;
import io.tellonce.matching.MatchRecord;
import io.tellonce.matching.PersonField;
import io.tellonce.matching.PersonRecord;
import io.tellonce.matching.RecordPreparation;
import io.tellonce.profile.app.ProfileView;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A profile's or an observation's attributes and identifiers as the matcher's person record, and
 * their blocking keys. One mapping for the index (the keys stored with each profile) and for the
 * probe (the keys looked up), so that the two always meet.
 */
@Singleton
public final class PersonRecords {
    /** "12a High Street": a leading house number, then the street. */
    private static final Pattern NUMBER_FIRST = Pattern.compile("^(\\d+[A-Za-z]?)[\\s,]+(.+)$");

    private final RecordPreparation preparation;
    private final BlockingKeys blockingKeys;

    public PersonRecords(RecordPreparation preparation, BlockingKeys blockingKeys) {
        this.preparation = preparation;
        this.blockingKeys = blockingKeys;
    }

    /** A profile as Cassandra holds it, under its current id. */
    public MatchRecord record(ProfileView view) {
        return record(person(view));
    }

    public MatchRecord record(PersonRecord person) {
        return preparation.prepare(person);
    }

    /** The fields the matcher compares, as the given values: what the profile index keeps of a profile. */
    public PersonRecord person(ProfileView view) {
        return person(view.profileId().toString(), view.attributes(),
                view.identifiers().stream().map(ProfileView.ListedIdentifier::identifier).toList());
    }

    /** @param attributes stored attributes (given_name, date_of_birth, address.lines, ...) */
    public MatchRecord record(String id, Map<String, String> attributes, List<Identifier> identifiers) {
        return preparation.prepare(person(id, attributes, identifiers));
    }

    /** A person's fields as the profile index keeps them ({@code match_record}): lower-case field names. */
    public static Map<String, String> stored(PersonRecord person) {
        Map<String, String> stored = new TreeMap<>();
        person.values().forEach((field, value) -> stored.put(field.name().toLowerCase(Locale.ROOT), value));
        return stored;
    }

    /** A record from the fields the profile index keeps; a field name this version does not know is left out. */
    public MatchRecord record(String id, Map<String, String> stored) {
        Map<PersonField, String> values = new EnumMap<>(PersonField.class);
        for (PersonField field : PersonField.values()) {
            String value = stored.get(field.name().toLowerCase(Locale.ROOT));
            if (value != null) {
                values.put(field, value);
            }
        }
        return preparation.prepare(new PersonRecord(id, values));
    }

    /** @param attributes stored attributes (given_name, date_of_birth, address.lines, ...) */
    public PersonRecord person(String id, Map<String, String> attributes, List<Identifier> identifiers) {
        Map<PersonField, String> values = new EnumMap<>(PersonField.class);
        String given = attributes.getOrDefault("given_name", "");
        String family = attributes.getOrDefault("family_name", "");
        if (given.isBlank() && family.isBlank() && attributes.containsKey("full_name")) {
            // Only a full name: its last word is taken as the family name.
            String full = attributes.get("full_name").strip();
            int space = full.lastIndexOf(' ');
            given = space < 0 ? "" : full.substring(0, space);
            family = space < 0 ? full : full.substring(space + 1);
        }
        values.put(PersonField.GIVEN_NAME, given);
        values.put(PersonField.FAMILY_NAME, family);
        values.put(PersonField.DATE_OF_BIRTH, attributes.get("date_of_birth"));
        address(attributes.getOrDefault("address.lines", ""), values);
        values.put(PersonField.LOCALITY, attributes.get("address.locality"));
        values.put(PersonField.POSTCODE, attributes.get("address.postal_code"));
        values.put(PersonField.REGION, attributes.get("address.region"));
        // The matcher compares one value per field: the first e-mail and phone the person is known by.
        values.put(PersonField.EMAIL, first(identifiers, IdentifierKind.EMAIL));
        values.put(PersonField.PHONE, first(identifiers, IdentifierKind.PHONE));
        return new PersonRecord(id, values);
    }

    public List<String> keys(MatchRecord record) {
        return new ArrayList<>(blockingKeys.keys(record));
    }

    /** The first line as house number and street (as the labelled data has them), the second as the extra line. */
    private static void address(String lines, Map<PersonField, String> values) {
        String[] split = lines.split("\n");
        String first = split[0].strip();
        Matcher numbered = NUMBER_FIRST.matcher(first);
        if (numbered.matches()) {
            values.put(PersonField.STREET_NUMBER, numbered.group(1));
            values.put(PersonField.STREET, numbered.group(2));
        } else {
            values.put(PersonField.STREET, first);
        }
        if (split.length > 1) {
            values.put(PersonField.ADDRESS_EXTRA, split[1]);
        }
    }

    private static String first(List<Identifier> identifiers, IdentifierKind kind) {
        return identifiers.stream().filter(id -> id.kind() == kind).map(Identifier::value).findFirst().orElse(null);
    }
}
