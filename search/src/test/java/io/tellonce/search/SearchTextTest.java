package io.tellonce.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.tellonce.matching.TextFolding;
import io.tellonce.search.ProfileHitExplanation.HitFields;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void lettersWithoutADecompositionFoldInBothCases() {
        assertThat(SearchText.fold("Straße STRASSE ẞ")).isEqualTo("strasse strasse ss");
        assertThat(SearchText.fold("Æbeltoft æble")).isEqualTo("aebeltoft aeble");
        assertThat(SearchText.fold("Søren ØSTER")).isEqualTo("soren oster");
        assertThat(SearchText.fold("Łukasz WAŁĘSA")).isEqualTo("lukasz walesa");
        assertThat(SearchText.fold("Đorđe ĐOKOVIĆ")).isEqualTo("dorde dokovic");
        assertThat(SearchText.fold("Œuvre œuvre")).isEqualTo("oeuvre oeuvre");
        assertThat(SearchText.fold("Þór þór")).isEqualTo("thor thor");
        assertThat(SearchText.fold("Işık")).isEqualTo("isik");
    }

    @Test
    void accentsCaseAndTheSpacesBetweenWordsAreAsBefore() {
        assertThat(SearchText.fold("  Zoë  Müller-Ångström ")).isEqualTo("zoe  muller-angstrom");
        assertThat(SearchText.fold("José.García@Example.com")).isEqualTo("jose.garcia@example.com");
        assertThat(SearchText.fold("CRM-00042")).isEqualTo("crm-00042");
    }

    @Test
    void searchFoldsExactlyAsMatchingDoes() {
        for (String text : List.of("Łukasz Straße", "Søren Ægir", "ΣΊΣΥΦΟΣ", "O’Brien ₹500", "Zoë")) {
            assertThat(SearchText.fold(text)).isEqualTo(TextFolding.fold(text));
        }
    }

    @Test
    void aDocumentAndAQueryFoldedApartMeetOnTheSameText() {
        ProfileDocument document = new ProfileDocument("acme", "p1", List.of("Łukasz Straße", "Ørsted"),
                List.of("Łukasz@Example.com"), List.of(), List.of(), List.of(), "Kraków", "31-001", false,
                Instant.parse("2026-11-23T00:00:00Z"), List.of(), Map.of());
        assertThat(document.names()).containsExactly("lukasz strasse", "orsted");
        assertThat(document.source()).containsEntry("locality", "krakow");

        ProfileSearch typed = new ProfileSearch("acme", "LUKASZ STRASS", Optional.empty(),
                ProfileSearch.Filters.none(), 0, 10);
        HitFields hit = new HitFields(document.names(), document.emails(), document.phones(), document.identifiers());
        assertThat(ProfileHitExplanation.of(typed, hit).matched()).containsExactly("name");
        assertThat(ProfileHitExplanation.of(
                new ProfileSearch("acme", "lukasz@", Optional.empty(), ProfileSearch.Filters.none(), 0, 10), hit)
                .matched()).contains("email");
    }
}
