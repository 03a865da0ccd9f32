package io.tellonce.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TypeaheadQueriesTest {
    private final PersonGenerator people = new PersonGenerator(42, Shares.realistic());
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void prefixesAreTheStartOfWhatThePersonIsKnownBy() {
        for (int i = 0; i < 300; i++) {
            Person person = people.person(i);
            String given = person.givenName().toLowerCase(Locale.ROOT);
            assertThat(TypeaheadQueries.of(TypeaheadQueries.Kind.NAME_PREFIX, person, random))
                    .hasSizeGreaterThanOrEqualTo(3).satisfies(text -> assertThat(given).startsWith(text));
            assertThat(TypeaheadQueries.of(TypeaheadQueries.Kind.FULL_NAME_PREFIX, person, random))
                    .startsWith(given + " ").satisfies(text -> assertThat(given + " "
                            + person.familyName().toLowerCase(Locale.ROOT)).startsWith(text));
            assertThat(TypeaheadQueries.of(TypeaheadQueries.Kind.EMAIL_PREFIX, person, random))
                    .hasSizeGreaterThanOrEqualTo(3).satisfies(text -> assertThat(person.email()).startsWith(text))
                    .doesNotContain("@");
            assertThat(TypeaheadQueries.of(TypeaheadQueries.Kind.PHONE_ENDING, person, random))
                    .matches("[0-9]{4,6}").satisfies(text -> assertThat(person.phone()).endsWith(text));
        }
    }

    @Test
    void aTypoIsOneSlipAfterTheFirstLetter() {
        for (int i = 0; i < 300; i++) {
            String word = people.person(i).givenName().toLowerCase(Locale.ROOT);
            String typo = TypeaheadQueries.typo(word, random);
            if (word.length() >= 4) {
                assertThat(typo).isNotEqualTo(word).startsWith(word.substring(0, 1));
                assertThat(Math.abs(typo.length() - word.length())).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void aNameWithATypoEndsWithTheFullFamilyName() {
        Person person = people.person(5);
        assertThat(TypeaheadQueries.of(TypeaheadQueries.Kind.NAME_WITH_TYPO, person, random))
                .endsWith(" " + person.familyName().toLowerCase(Locale.ROOT));
    }
}
