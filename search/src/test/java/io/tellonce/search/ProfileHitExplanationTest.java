package io.tellonce.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.tellonce.search.ProfileHitExplanation.Explanation;
import io.tellonce.search.ProfileHitExplanation.HitFields;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileHitExplanationTest {
    private static final HitFields ZOE = new HitFields(List.of("zoe muller-angstrom", "zoe m"),
            List.of("zoe.muller@example.com"), List.of("+447700900123"), List.of("crm-00042"));

    private static Explanation explain(String text) {
        return explain(text, Optional.empty());
    }

    private static Explanation explain(String text, Optional<String> phone) {
        return ProfileHitExplanation.of(new ProfileSearch("acme", text, phone, ProfileSearch.Filters.none(), 0, 10), ZOE);
    }

    @Test
    void aNamePrefixAsTypedMatchesTheNameAndMarksEveryWordItStarts() {
        Explanation typed = explain("Zoë Mül");

        assertThat(typed.matched()).containsExactly("name");
        assertThat(typed.nameHighlights()).containsExactly("<em>zoe</em> <em>muller</em>-angstrom", "<em>zoe</em> m");
    }

    @Test
    void aTypoWithinTheToleranceStillMatchesButNotOnTheFirstLetter() {
        assertThat(explain("zoe mulelr").matched()).containsExactly("name");
        assertThat(explain("zoe mulelr").nameHighlights()).first().isEqualTo("<em>zoe</em> <em>muller</em>-angstrom");
        assertThat(explain("zoe nuller").matched()).isEmpty();
        assertThat(explain("zoe mxxler").matched()).as("two edits in a six-letter word are allowed")
                .containsExactly("name");
        assertThat(explain("zoe mxxxer").matched()).isEmpty();
        assertThat(explain("o'brien").matched()).isEmpty();
    }

    @Test
    void everyWordMustMatchSomewhereInTheNames() {
        assertThat(explain("zoe smith").matched()).isEmpty();
        assertThat(explain("zoe smith").nameHighlights()).isEmpty();
    }

    @Test
    void emailAndIdentifierPrefixesMatchOnlyWithoutSpaces() {
        assertThat(explain("zoe.mul").matched()).containsExactly("email");
        assertThat(explain("CRM-000").matched()).containsExactly("identifier");
        assertThat(explain("zoe.muller@example.com").matched()).containsExactly("email");
    }

    @Test
    void phonesMatchWhole_orByTheirLastDigits() {
        assertThat(explain("07700 900123", Optional.of("+447700900123")).matched()).contains("phone", "phone_ending");
        assertThat(explain("0123").matched()).containsExactly("phone_ending");
        assertThat(explain("900123").matched()).containsExactly("phone_ending");
        assertThat(explain("123").matched()).as("three digits are not a phone ending").isEmpty();
        assertThat(explain("9999").matched()).isEmpty();
    }
}
