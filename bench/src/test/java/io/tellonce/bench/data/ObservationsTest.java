package io.tellonce.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.ResolveRequest;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ObservationsTest {
    private final PersonGenerator people = new PersonGenerator(42, Shares.realistic());
    private final Observations observations = new Observations(42);

    @Test
    void theCrmRecordCarriesEveryIdentifierAndAnIdempotencyKeyPerPerson() {
        Person person = people.person(17);
        ResolveRequest record = observations.crmRecord(person);
        assertThat(record.getIdentifiersList()).containsExactlyElementsOf(person.identifiers());
        assertThat(record.getIdempotencyKey()).isEqualTo("bench-seed-42-17");
        assertThat(record.getAttributes().getGivenName()).isEqualTo(person.givenName());
        assertThat(record.getAttributes().getAddress().getCountryCode()).isEqualTo(person.address().countryCode());
    }

    @Test
    void aChannelContactOnlyUsesIdentifiersThePersonHas() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 500; i++) {
            Person person = people.person(i);
            Set<Identifier> known = new HashSet<>(person.identifiers());
            assertThat(observations.channelContact(person, random).getIdentifiersList()).isNotEmpty()
                    .allSatisfy(id -> assertThat(known).contains(id));
        }
    }

    @Test
    void newCustomersNeverRepeatAndNeverUseTheSeededNumberBlocks() {
        NewCustomers customers = new NewCustomers(123);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ResolveRequest request = customers.next();
            request.getIdentifiersList().forEach(id -> assertThat(seen.add(id.getValue())).isTrue());
            assertThat(request.getIdentifiers(1).getValue()).startsWith("+4476");
        }
    }
}
