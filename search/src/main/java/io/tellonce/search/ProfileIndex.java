package io.tellonce.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
                .source(src -> src.filter(f -> f.includes("profile_id")))
                .highlight(h -> h.fields("names", f -> f.numberOfFragments(3))), Map.class);
        List<ProfileHit> hits = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            Object profileId = hit.source() == null ? null : hit.source().get("profile_id");
            hits.add(new ProfileHit(String.valueOf(profileId), hit.score() == null ? 0 : hit.score(),
                    hit.matchedQueries().stream().distinct().toList(),
                    hit.highlight().getOrDefault("names", List.of())));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new Page(hits, total);
    }

    /** One page of hits and how many there are in all. */
    public record Page(List<ProfileHit> hits, long total) {
        public Page {
            hits = List.copyOf(hits);
        }
    }
}
