package io.tellonce.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BlockingKeysPropertyTest {
    private final RecordPreparation preparation = new RecordPreparation();
    private final BlockingKeys blockingKeys = new BlockingKeys();

    private static final Map<PersonField, String> PERSON = Map.of(
            PersonField.GIVEN_NAME, "madeline", PersonField.FAMILY_NAME, "mason",
            PersonField.DATE_OF_BIRTH, "19081128", PersonField.STREET_NUMBER, "54",
            PersonField.STREET, "hoseason street", PersonField.LOCALITY, "granville",
            PersonField.POSTCODE, "4881", PersonField.NATIONAL_ID, "2185997",
            PersonField.EMAIL, "madeline.mason@example.com");

    @Property
    void oneDamagedOrMissingFieldNeverHidesTheSamePerson(
            @ForAll("fields") PersonField damaged, @ForAll("damage") String replacement) {
        Map<PersonField, String> copy = new EnumMap<>(PERSON);
        copy.put(damaged, replacement);
        assertThat(sharedKeys(PERSON, copy)).isNotEmpty();
    }

    @Property
    void anyTwoFieldsMissingStillLeaveAKey(@ForAll("fields") PersonField first, @ForAll("fields") PersonField second) {
        Map<PersonField, String> copy = new EnumMap<>(PERSON);
        copy.remove(first);
        copy.remove(second);
        assertThat(sharedKeys(PERSON, copy)).isNotEmpty();
    }

    @Test
    void swappedNamesStillMeet() {
        Map<PersonField, String> swapped = new EnumMap<>(PersonField.class);
        swapped.put(PersonField.GIVEN_NAME, "mason");
        swapped.put(PersonField.FAMILY_NAME, "madeline");
        assertThat(sharedKeys(Map.of(PersonField.GIVEN_NAME, "madeline", PersonField.FAMILY_NAME, "mason"), swapped))
                .containsExactly("names:MSN|MTLN");
    }

    @Test
    void aRecordWithNothingUsefulHasNoKeys() {
        assertThat(blockingKeys.keys(preparation.prepare(new PersonRecord("x", Map.of(PersonField.REGION, "nsw")))))
                .isEmpty();
    }

    @Provide
    Arbitrary<PersonField> fields() {
        return Arbitraries.of(PERSON.keySet());
    }

    @Provide
    Arbitrary<String> damage() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(0).ofMaxLength(10);
    }

    private Set<String> sharedKeys(Map<PersonField, String> a, Map<PersonField, String> b) {
        Set<String> shared = new HashSet<>(blockingKeys.keys(preparation.prepare(new PersonRecord("a", a))));
        shared.retainAll(blockingKeys.keys(preparation.prepare(new PersonRecord("b", b))));
        return shared;
    }
}
