package io.tellonce.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.type.Date;
import io.tellonce.proto.v1.FindMatchesRequest;
import io.tellonce.proto.v1.PersonAttributes;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MatchProbesTest {
    private final PersonGenerator people = new PersonGenerator(42, Shares.realistic());
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void aProbeIsThePersonsAttributesWithOneOrTwoSlipsAndNoIdentifier() {
        for (int i = 0; i < 300; i++) {
            Person person = people.person(i);
            PersonAttributes crm = Observations.attributes(person);
            FindMatchesRequest probe = MatchProbes.probe(person, random);

            assertThat(probe.getObservation().getIdentifiersCount()).as("only fuzzy matching can find them").isZero();
            assertThat(probe.getMaxResults()).isEqualTo(MatchProbes.MAX_RESULTS);
            PersonAttributes seen = probe.getObservation().getAttributes();
            int differences = (seen.getGivenName().equals(crm.getGivenName()) ? 0 : 1)
                    + (seen.getFamilyName().equals(crm.getFamilyName()) ? 0 : 1)
                    + (seen.getDateOfBirth().equals(crm.getDateOfBirth()) ? 0 : 1)
                    + (seen.getAddress().getPostalCode().equals(crm.getAddress().getPostalCode()) ? 0 : 1)
                    + (seen.getAddress().getLinesList().equals(crm.getAddress().getLinesList()) ? 0 : 1);
            // A slip can be a no-op (a short name, a day after the 12th, a doubled letter swapped).
            assertThat(differences).isBetween(0, 2);
            assertThat(seen.getAddress().getLocality()).isEqualTo(crm.getAddress().getLocality());
            assertThat(seen.getGivenName()).startsWith(crm.getGivenName().substring(0, 1));
        }
    }

    @Test
    void mostProbesCarryASlip() {
        int slipped = 0;
        for (int i = 0; i < 300; i++) {
            Person person = people.person(i);
            if (!MatchProbes.probe(person, random).getObservation().getAttributes()
                    .equals(Observations.attributes(person))) {
                slipped++;
            }
        }
        assertThat(slipped).isGreaterThan(240);
    }

    @Test
    void dayAndMonthAreSwappedOnlyWhereTheResultIsADate() {
        PersonAttributes.Builder early = PersonAttributes.newBuilder()
                .setDateOfBirth(Date.newBuilder().setYear(1980).setMonth(3).setDay(11));
        MatchProbes.slip(MatchProbes.Slip.DAY_AND_MONTH_SWAPPED, early, random);
        assertThat(early.getDateOfBirth()).isEqualTo(Date.newBuilder().setYear(1980).setMonth(11).setDay(3).build());

        PersonAttributes.Builder late = PersonAttributes.newBuilder()
                .setDateOfBirth(Date.newBuilder().setYear(1980).setMonth(3).setDay(14));
        MatchProbes.slip(MatchProbes.Slip.DAY_AND_MONTH_SWAPPED, late, random);
        assertThat(late.getDateOfBirth().getDay()).isEqualTo(14);
    }
}
