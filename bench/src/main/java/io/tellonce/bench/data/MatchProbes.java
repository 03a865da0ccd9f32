package io.tellonce.bench.data;

import com.google.type.Date;
import io.tellonce.proto.v1.FindMatchesRequest;
import io.tellonce.proto.v1.MatchObservation;
import io.tellonce.proto.v1.PersonAttributes;
import java.util.random.RandomGenerator;

/**
 * What FindMatches is asked about a known person when no identifier connects them: their attributes as
 * another channel typed them, with one or two slips (a typo in a name, day and month swapped, a
 * postcode or address line left out), and no identifier, so that only fuzzy matching can find them.
 */
public final class MatchProbes {
    /** A screen shows a handful of candidates. */
    static final int MAX_RESULTS = 10;

    private MatchProbes() {
    }

    /** The slips a probe may have, in the order {@link #probe} picks them from. */
    public enum Slip { GIVEN_NAME_TYPO, FAMILY_NAME_TYPO, DAY_AND_MONTH_SWAPPED, NO_POSTCODE, NO_ADDRESS_LINE }

    public static FindMatchesRequest probe(Person person, RandomGenerator random) {
        PersonAttributes.Builder attributes = Observations.attributes(person).toBuilder();
        Slip first = Slip.values()[random.nextInt(Slip.values().length)];
        slip(first, attributes, random);
        if (random.nextBoolean()) {
            Slip second = Slip.values()[random.nextInt(Slip.values().length)];
            if (second != first) {
                slip(second, attributes, random);
            }
        }
        return FindMatchesRequest.newBuilder()
                .setObservation(MatchObservation.newBuilder().setAttributes(attributes))
                .setMaxResults(MAX_RESULTS)
                .build();
    }

    static void slip(Slip slip, PersonAttributes.Builder attributes, RandomGenerator random) {
        switch (slip) {
            case GIVEN_NAME_TYPO -> attributes.setGivenName(TypeaheadQueries.typo(attributes.getGivenName(), random));
            case FAMILY_NAME_TYPO -> attributes.setFamilyName(TypeaheadQueries.typo(attributes.getFamilyName(), random));
            case DAY_AND_MONTH_SWAPPED -> {
                Date born = attributes.getDateOfBirth();
                // Only where the swap is still a date: a day of 13 or more cannot be a month.
                if (born.getDay() <= 12) {
                    attributes.setDateOfBirth(born.toBuilder().setDay(born.getMonth()).setMonth(born.getDay()));
                }
            }
            case NO_POSTCODE -> attributes.setAddress(attributes.getAddress().toBuilder().clearPostalCode());
            case NO_ADDRESS_LINE -> attributes.setAddress(attributes.getAddress().toBuilder().clearLines());
        }
    }
}
