package io.tellonce.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Searches the profile documents ({@link DocumentWriter} writes them). */
public final class ProfileIndex {
    private final ElasticsearchClient client;
    private final String alias;

    public ProfileIndex(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    public String alias() {
        return alias;
    }

    /** The profiles matching the search, best first, from the index behind the alias. */
    @SuppressWarnings("rawtypes")
    public Page search(ProfileSearch search) throws IOException {
        SearchResponse<Map> response = client.search(s -> s.index(alias)
                .query(ProfileQuery.of(search))
                .from(search.from())
                .size(search.size())
                .trackTotalHits(t -> t.enabled(true))
                .source(src -> src.filter(f -> f.includes("profile_id", "names", "emails", "phones", "identifiers"))),
                Map.class);
        List<ProfileHit> hits = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            Map source = hit.source() == null ? Map.of() : hit.source();
            var explanation = ProfileHitExplanation.of(search, new ProfileHitExplanation.HitFields(
                    strings(source, "names"), strings(source, "emails"), strings(source, "phones"),
                    strings(source, "identifiers")));
            hits.add(new ProfileHit(String.valueOf(source.get("profile_id")), hit.score() == null ? 0 : hit.score(),
                    explanation.matched(), explanation.nameHighlights()));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new Page(hits, total);
    }

    @SuppressWarnings("rawtypes")
    private static List<String> strings(Map source, String field) {
        return source.get(field) instanceof List<?> values ? values.stream().map(String::valueOf).toList() : List.of();
    }

    /**
     * The profiles that share the most blocking keys with a probe, most first (ties by profile id, so
     * that the cap cuts the same way every time), from the index behind the alias.
     */
    @SuppressWarnings("rawtypes")
    public List<CandidateHit> candidates(CandidateQuery candidates) throws IOException {
        SearchResponse<Map> response = answered(() -> client.search(s -> s.index(alias)
                .query(candidates.query())
                .size(candidates.size())
                .sort(o -> o.score(sc -> sc.order(co.elastic.clients.elasticsearch._types.SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("profile_id")))
                .source(src -> src.filter(f -> f.includes("profile_id", "match_record"))), Map.class));
        List<CandidateHit> hits = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            if (hit.source() != null && hit.source().get("profile_id") != null) {
                hits.add(new CandidateHit(String.valueOf(hit.source().get("profile_id")),
                        matchRecord(hit.source().get("match_record"))));
            }
        }
        return hits;
    }

    private static Optional<Map<String, String>> matchRecord(Object stored) {
        if (!(stored instanceof Map<?, ?> fields)) {
            return Optional.empty();
        }
        Map<String, String> record = new HashMap<>();
        fields.forEach((name, value) -> {
            if (name != null && value != null) {
                record.put(String.valueOf(name), String.valueOf(value));
            }
        });
        return Optional.of(record);
    }

    /**
     * A page of the tenant's profile ids in id order, after {@code afterId} (empty for the first
     * page): the batch duplicate scan walks a tenant's profiles with it.
     */
    @SuppressWarnings("rawtypes")
    public List<String> profileIds(String tenant, Optional<String> afterId, int size) throws IOException {
        SearchResponse<Map> response = answered(() -> client.search(s -> {
            s.index(alias).size(size)
                    .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("tenant").value(tenant)))))
                    .sort(o -> o.field(f -> f.field("profile_id")))
                    .source(src -> src.filter(f -> f.includes("profile_id")));
            afterId.ifPresent(after -> s.searchAfter(v -> v.stringValue(after)));
            return s;
        }, Map.class));
        return profileIds(response);
    }

    private interface Search<T> {
        T run() throws IOException;
    }

    /** An error answer from Elasticsearch is, to the caller, an index that cannot answer: an IOException. */
    private static <T> T answered(Search<T> search) throws IOException {
        try {
            return search.run();
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            throw new IOException("search index not answering: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("rawtypes")
    private static List<String> profileIds(SearchResponse<Map> response) {
        List<String> ids = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            if (hit.source() != null && hit.source().get("profile_id") != null) {
                ids.add(String.valueOf(hit.source().get("profile_id")));
            }
        }
        return ids;
    }

    /** One page of hits and how many there are in all. */
    public record Page(List<ProfileHit> hits, long total) {
        public Page {
            hits = List.copyOf(hits);
        }
    }
}
