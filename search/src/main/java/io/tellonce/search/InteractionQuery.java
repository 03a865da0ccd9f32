package io.tellonce.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Builds the Elasticsearch query and order of an interaction search. The caller's text only reaches
 * structured full-text queries on the summary and transcript fields ({@code multi_match},
 * {@code match_phrase}), never a query parser ({@code query_string}), so it cannot name other fields
 * or widen the search beyond its tenant, which every query is filtered by.
 */
public final class InteractionQuery {
    /** Summaries are written to be read: a word there says more than the same word in a long transcript. */
    static final String SUMMARY = "summary";
    static final String TRANSCRIPT = "transcript";
    private static final List<String> TEXT_FIELDS = List.of(SUMMARY + "^2", TRANSCRIPT);

    private InteractionQuery() {
    }

    public static Query of(InteractionSearch search) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        bool.filter(term("tenant", search.tenant()));
        InteractionSearch.Filters filters = search.filters();
        anyOf("channel", filters.channels()).ifPresent(bool::filter);
        anyOf("case_status", filters.caseStatuses()).ifPresent(bool::filter);
        anyOf("sentiment", filters.sentiments()).ifPresent(bool::filter);
        filters.nodeIds().ifPresent(nodes -> bool.filter(anyOf("node_id", nodes)
                // A person with no nodes has no interactions: match nothing rather than everything.
                .orElse(Query.of(q -> q.matchNone(m -> m)))));
        filters.topic().ifPresent(topic -> bool.filter(term("topic", topic)));
        if (filters.from().isPresent() || filters.until().isPresent()) {
            bool.filter(q -> q.range(r -> r.date(d -> {
                d.field("occurred_at");
                filters.from().ifPresent(from -> d.gte(from.toString()));
                filters.until().ifPresent(until -> d.lt(until.toString()));
                return d;
            })));
        }
        String text = search.text();
        if (!text.isEmpty()) {
            // Every word must appear, in the summary or the transcript ("double billing" finds
            // neither "double checked" nor "billing address" alone); the exact phrase ranks higher.
            bool.must(q -> q.multiMatch(m -> m.query(text).fields(TEXT_FIELDS).type(TextQueryType.CrossFields)
                    .operator(Operator.And)));
            bool.should(q -> q.matchPhrase(m -> m.field(SUMMARY).query(text).boost(3f)));
            bool.should(q -> q.matchPhrase(m -> m.field(TRANSCRIPT).query(text).boost(2f)));
        }
        return bool.build()._toQuery();
    }

    /** Relevance first only when there is text to be relevant to; ties and the rest newest first. */
    public static List<SortOptions> order(InteractionSearch search) {
        List<SortOptions> order = new ArrayList<>();
        if (search.order() == InteractionSearch.Order.RELEVANCE && !search.text().isEmpty()) {
            order.add(SortOptions.of(s -> s.score(sc -> sc.order(SortOrder.Desc))));
        }
        order.add(SortOptions.of(s -> s.field(f -> f.field("occurred_at").order(SortOrder.Desc))));
        // A total order, so that pages never repeat or skip an interaction between requests.
        order.add(SortOptions.of(s -> s.field(f -> f.field("interaction_id").order(SortOrder.Asc))));
        return order;
    }

    private static Optional<Query> anyOf(String field, Collection<String> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<FieldValue> terms = values.stream().sorted().map(FieldValue::of).toList();
        return Optional.of(Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms)))));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }
}
