package io.tellonce.search;

import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the Elasticsearch query for a profile search. Every clause is a structured query on one
 * field: caller text never reaches a query parser ({@code query_string}), so it cannot widen the
 * search beyond its tenant. Each clause is named after what it matched, which becomes the hit's
 * explanation.
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
        should.add(Query.of(q -> q.term(t -> t.field("names.exact").value(text).boost(8f).queryName(NAME))));
        should.add(Query.of(q -> q.matchBoolPrefix(m -> m.field("names").query(text).operator(Operator.And)
                .boost(3f).queryName(NAME))));
        should.add(Query.of(q -> q.match(m -> m.field("names").query(text).operator(Operator.And)
                .fuzziness("AUTO").prefixLength(1).boost(1f).queryName(NAME))));
        if (!text.contains(" ")) {
            should.add(Query.of(q -> q.term(t -> t.field("emails").value(text).boost(10f).queryName(EMAIL))));
            should.add(Query.of(q -> q.prefix(p -> p.field("emails").value(text).boost(4f).queryName(EMAIL))));
            should.add(Query.of(q -> q.term(t -> t.field("identifiers").value(text).boost(10f).queryName(IDENTIFIER))));
            should.add(Query.of(q -> q.prefix(p -> p.field("identifiers").value(text).boost(2f).queryName(IDENTIFIER))));
        }
        search.phone().ifPresent(phone -> should.add(Query.of(q -> q.term(t -> t.field("phones").value(phone)
                .boost(10f).queryName(PHONE)))));
        String digits = SearchText.digits(text);
        if (digits.length() == text.replace(" ", "").length() && digits.length() >= MIN_PHONE_ENDING) {
            String ending = SearchText.reversedDigits(digits.substring(Math.max(0, digits.length() - MAX_PHONE_ENDING)));
            should.add(Query.of(q -> q.prefix(p -> p.field("phone_digits_reversed").value(ending).boost(5f)
                    .queryName(PHONE_ENDING))));
        }
        return should;
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }
}
