package io.tellonce.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PersonGeneratorTest {
    private static final int PEOPLE = 20_000;
    private final PersonGenerator generator = new PersonGenerator(42, Shares.realistic());

    @Test
    void theSamePersonComesOutOfTheSameSeedEveryTime() {
        PersonGenerator again = new PersonGenerator(42, Shares.realistic());
        IntStream.of(0, 1, 7, 12_345, 999_999).forEach(index ->
                assertThat(again.person(index)).isEqualTo(generator.person(index)));
    }

    @Test
    void anotherSeedMakesAnotherPopulation() {
        PersonGenerator other = new PersonGenerator(43, Shares.realistic());
        long same = IntStream.range(0, 1_000).filter(i -> other.person(i).equals(generator.person(i))).count();
        assertThat(same).isZero();
    }

    @Test
    void aboutThreePeopleInAHundredShareTheirEmailAddressWithTheirHousehold() {
        assertThat(shareOfPeopleSharing(Person::email)).isBetween(0.02, 0.04);
    }

    @Test
    void aboutTwoPeopleInAHundredShareTheirPhoneNumber() {
        assertThat(shareOfPeopleSharing(Person::phone)).isBetween(0.012, 0.028);
    }

    @Test
    void everyOtherIdentifierBelongsToOnePersonOnly() {
        Map<Identifier, Integer> owners = new HashMap<>();
        for (int i = 0; i < PEOPLE; i++) {
            Person person = generator.person(i);
            for (Identifier id : person.identifiers()) {
                if (id.getKind() == IdentifierKind.IDENTIFIER_KIND_CRM_ID
                        || id.getKind() == IdentifierKind.IDENTIFIER_KIND_CHANNEL_HANDLE) {
                    assertThat(owners.put(id, i)).as("%s of person %d", id.getValue(), i).isNull();
                }
            }
        }
    }

    @Test
    void identifiersLookLikeWhatTheServiceAccepts() {
        for (int i = 0; i < 2_000; i++) {
            Person person = generator.person(i);
            assertThat(person.email()).matches("[a-z.]+[0-9]+@[a-z]+\\.[a-z]+|[a-z.]+\\.[0-9]+@[a-z]+\\.[a-z]+");
            assertThat(person.phone()).matches("\\+(447[4789][0-9]{8}|1[2-9][0-9]{2}[2-9][0-9]{6})")
                    .doesNotEndWith("0000000").doesNotEndWith("1234567");
            person.whatsApp().ifPresent(number -> assertThat(number).startsWith("+"));
            person.crmId().ifPresent(id -> assertThat(id).matches("CRM-[0-9]{8}"));
        }
    }

    @Test
    void theSharesOfTraitsAreRoughlyAsConfigured() {
        List<Person> people = IntStream.range(0, PEOPLE).mapToObj(generator::person).toList();
        assertThat(people.stream().filter(p -> p.crmId().isPresent()).count() / (double) PEOPLE).isBetween(0.67, 0.73);
        assertThat(people.stream().filter(p -> p.whatsApp().isPresent()).count() / (double) PEOPLE).isBetween(0.57, 0.63);
        assertThat(people.stream().filter(p -> p.phone().startsWith("+1")).count() / (double) PEOPLE).isBetween(0.25, 0.35);
    }

    /** The share of people whose value (e-mail, phone) is also someone else's. */
    private double shareOfPeopleSharing(Function<Person, String> value) {
        Map<String, Integer> holders = new HashMap<>();
        for (int i = 0; i < PEOPLE; i++) {
            holders.merge(value.apply(generator.person(i)), 1, Integer::sum);
        }
        long sharing = holders.values().stream().filter(count -> count > 1).mapToLong(Integer::longValue).sum();
        return sharing / (double) PEOPLE;
    }
}
