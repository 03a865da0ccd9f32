package io.tellonce.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tellonce.identity.Survivorship.Candidate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SurvivorshipTest {
    private static final Candidate CRM_OLD = new Candidate("Robert", Instant.parse("2025-01-01T00:00:00Z"), "crm");
    private static final Candidate WEB_NEW = new Candidate("Bob", Instant.parse("2026-11-01T00:00:00Z"), "web");
    private static final Candidate CHAT_NEWEST = new Candidate("Bobby", Instant.parse("2026-11-20T00:00:00Z"), "chat");

    private final Survivorship rules = new Survivorship(List.of("crm", "web"), Set.of("given_name", "address."));

    @Test
    void theMostRecentValueWinsByDefault() {
        assertThat(rules.choose("locale", List.of(CRM_OLD, CHAT_NEWEST, WEB_NEW))).contains(CHAT_NEWEST);
    }

    @Test
    void namedAttributesTakeTheHighestRankedSourceHoweverOld() {
        assertThat(rules.choose("given_name", List.of(WEB_NEW, CHAT_NEWEST, CRM_OLD))).contains(CRM_OLD);
        assertThat(rules.choose("address.locality", List.of(WEB_NEW, CHAT_NEWEST))).contains(WEB_NEW);
    }

    @Test
    void unlistedSourcesRankLastAndTheLatestAmongThemWins() {
        Candidate chatOld = new Candidate("B.", Instant.parse("2020-01-01T00:00:00Z"), "chat");
        assertThat(rules.choose("given_name", List.of(chatOld, CHAT_NEWEST))).contains(CHAT_NEWEST);
        assertThat(rules.choose("given_name", List.of())).isEmpty();
    }
}
