package io.tellonce.search;

import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the Elasticsearch query for a profile search. Every clause is a structured query on one
 * field: caller text never reaches a query parser ({@code query_string}), so it cannot widen the
 * search beyond its tenant. What each hit matched is worked out from its fields afterwards
 * ({@link ProfileHitExplanation}), not by naming the clauses: Elasticsearch re-runs named clauses per hit.
 */
public final class ProfileQuery {
    public static final String NAME = "name";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String PHONE_ENDING = "phone_ending";
    public static final String IDENTIFIER = "identifier";

    private static final int MIN_PHONE_ENDING = 4;
    private static final int MAX_PHONE_ENDING = 6;

    private ProfileQuery() {
    }

    public static Query of(ProfileSearch search) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        bool.filter(term("tenant", search.tenant()));
        search.filters().locality().ifPresent(v -> bool.filter(term("locality", SearchText.fold(v))));
        search.filters().postalCode().ifPresent(v -> bool.filter(term("postal_code",
                SearchText.fold(v).replace(" ", ""))));
        search.filters().hasOpenCase().ifPresent(v -> bool.filter(f -> f.term(t -> t.field("has_open_case").value(v))));
        search.filters().channel().ifPresent(v -> bool.filter(term("channels", v)));
        List<Query> matches = textMatches(search);
        if (!matches.isEmpty()) {
            bool.should(matches).minimumShouldMatch("1");
        }
        return bool.build()._toQuery();
    }

    private static List<Query> textMatches(ProfileSearch search) {
        String text = search.text();
        List<Query> should = new ArrayList<>();
        if (text.isEmpty()) {
            return should;
        }
        should.add(Query.of(q -> q.term(t -> t.field("names.exact").value(text).boost(8f))));
        should.add(Query.of(q -> q.matchBoolPrefix(m -> m.field("names").query(text).operator(Operator.And)
                .boost(3f))));
        should.add(Query.of(q -> q.match(m -> m.field("names").query(text).operator(Operator.And)
                .fuzziness("AUTO").prefixLength(1).boost(1f))));
        if (!text.contains(" ")) {
            should.add(Query.of(q -> q.term(t -> t.field("emails").value(text).boost(10f))));
            should.add(Query.of(q -> q.prefix(p -> p.field("emails").value(text).boost(4f))));
            should.add(Query.of(q -> q.term(t -> t.field("identifiers").value(text).boost(10f))));
            should.add(Query.of(q -> q.prefix(p -> p.field("identifiers").value(text).boost(2f))));
        }
        search.phone().ifPresent(phone -> should.add(Query.of(q -> q.term(t -> t.field("phones").value(phone)
                .boost(10f)))));
        phoneEnding(text).ifPresent(ending -> should.add(Query.of(q -> q.prefix(p -> p.field("phone_digits_reversed")
                .value(ending).boost(5f)))));
        return should;
    }

    /**
     * The last digits of a phone number, reversed (as the index keeps them), when the text is only
     * digits and long enough to mean "the last four to six digits".
     */
    static Optional<String> phoneEnding(String text) {
        String digits = SearchText.digits(text);
        if (digits.length() != text.replace(" ", "").length() || digits.length() < MIN_PHONE_ENDING) {
            return Optional.empty();
        }
        return Optional.of(SearchText.reversedDigits(digits.substring(Math.max(0, digits.length() - MAX_PHONE_ENDING))));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }
}
