package io.tellonce.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InteractionQueryTest {
    private static final JacksonJsonpMapper JSON = new JacksonJsonpMapper();

    private static String query(InteractionSearch search) {
        return JsonpUtils.toJsonString(InteractionQuery.of(search), JSON);
    }

    private static InteractionSearch search(String text, InteractionSearch.Filters filters,
                                            InteractionSearch.Order order) {
        return new InteractionSearch("acme", text, filters, order, 0, 20);
    }

    @Test
    void callerTextReachesOnlyStructuredFullTextQueriesAndIsFolded() {
        String json = query(search("Double BILLÏNG\" OR tenant:globex", InteractionSearch.Filters.none(),
                InteractionSearch.Order.RELEVANCE));
        assertThat(json).doesNotContain("query_string").doesNotContain("simple_query_string")
                .contains("\"multi_match\"").contains("\"match_phrase\"")
                .contains("double billing\\\" or tenant:globex")
                .contains("{\"term\":{\"tenant\":{\"value\":\"acme\"}}}");
    }

    @Test
    void everyFilterBecomesAFilterClauseBesideTheTenant() {
        InteractionSearch.Filters filters = new InteractionSearch.Filters(Set.of("WHATSAPP", "VOICE"),
                Optional.of(Instant.parse("2026-11-16T00:00:00Z")), Optional.of(Instant.parse("2026-11-23T00:00:00Z")),
                Optional.of("billing"), Set.of("OPEN"), Set.of("NEGATIVE"), Optional.of(Set.of("n1", "n2")));
        String json = query(search("", filters, InteractionSearch.Order.RELEVANCE));
        assertThat(json).contains("\"channel\":[\"VOICE\",\"WHATSAPP\"]")
                .contains("\"case_status\":[\"OPEN\"]").contains("\"sentiment\":[\"NEGATIVE\"]")
                .contains("\"node_id\":[\"n1\",\"n2\"]").contains("\"topic\":{\"value\":\"billing\"}")
                .contains("\"gte\":\"2026-11-16T00:00:00Z\"").contains("\"lt\":\"2026-11-23T00:00:00Z\"")
                .doesNotContain("multi_match");
    }

    @Test
    void aPersonWithoutNodesMatchesNothing() {
        InteractionSearch.Filters filters = new InteractionSearch.Filters(Set.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Set.of(), Set.of(), Optional.of(Set.of()));
        assertThat(query(search("refund", filters, InteractionSearch.Order.RELEVANCE))).contains("match_none");
    }

    @Test
    void relevanceOrdersByScoreOnlyWhenThereIsText() {
        assertThat(order(search("refund", InteractionSearch.Filters.none(), InteractionSearch.Order.RELEVANCE)))
                .startsWith("{\"_score\"");
        assertThat(order(search("", InteractionSearch.Filters.none(), InteractionSearch.Order.RELEVANCE)))
                .startsWith("{\"occurred_at\"");
        assertThat(order(search("refund", InteractionSearch.Filters.none(), InteractionSearch.Order.NEWEST_FIRST)))
                .startsWith("{\"occurred_at\"").endsWith("{\"interaction_id\":{\"order\":\"asc\"}}");
    }

    private static String order(InteractionSearch search) {
        List<String> parts = InteractionQuery.order(search).stream().map(o -> JsonpUtils.toJsonString(o, JSON)).toList();
        return String.join(",", parts);
    }

    @Test
    void documentsAreKeyedByTenantAndFoldTheirTexts() {
        InteractionDocument document = new InteractionDocument("acme", "i-1", "n-1", "CHAT", "INBOUND",
                Instant.parse("2026-11-20T10:00:00Z"), "billing", "Zoë was charged TWICE",
                List.of("Ich wurde zweimal belastet", " "), "NEGATIVE", "UNRESOLVED", Optional.of("c-1"),
                Optional.of("OPEN"));
        assertThat(document.documentId()).isEqualTo("acme/i-1");
        assertThat(document.source()).containsEntry("summary", "zoe was charged twice")
                .containsEntry("transcript", List.of("ich wurde zweimal belastet"))
                .containsEntry("case_status", "OPEN").containsEntry("occurred_at", "2026-11-20T10:00:00Z");
    }
}
