package io.tellonce.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Searches the interaction documents ({@link DocumentWriter} writes them). */
public final class InteractionIndex {
    private static final int HIGHLIGHT_FRAGMENTS = 3;
    private static final int HIGHLIGHT_LENGTH = 150;
    private static final int SCAN_PAGE = 1_000;

    private final ElasticsearchClient client;
    private final String alias;

    public InteractionIndex(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    public String alias() {
        return alias;
    }

    /** The interactions matching the search, in its order, from the index behind the alias. */
    @SuppressWarnings("rawtypes")
    public Page search(InteractionSearch search) throws IOException {
        SearchResponse<Map> response = client.search(s -> s.index(alias)
                .query(InteractionQuery.of(search))
                .sort(InteractionQuery.order(search))
                .trackScores(true)
                .from(search.from())
                .size(search.size())
                .trackTotalHits(t -> t.enabled(true))
                .source(src -> src.filter(f -> f.includes("interaction_id", "node_id")))
                .highlight(h -> h
                        .fields(InteractionQuery.SUMMARY, f -> f.numberOfFragments(HIGHLIGHT_FRAGMENTS)
                                .fragmentSize(HIGHLIGHT_LENGTH))
                        .fields(InteractionQuery.TRANSCRIPT, f -> f.numberOfFragments(HIGHLIGHT_FRAGMENTS)
                                .fragmentSize(HIGHLIGHT_LENGTH))), Map.class);
        List<InteractionHit> hits = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            Map source = hit.source() == null ? Map.of() : hit.source();
            hits.add(new InteractionHit(String.valueOf(source.get("interaction_id")), String.valueOf(source.get("node_id")),
                    hit.score() == null ? 0 : hit.score(),
                    hit.highlight().getOrDefault(InteractionQuery.SUMMARY, List.of()),
                    hit.highlight().getOrDefault(InteractionQuery.TRANSCRIPT, List.of())));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new Page(hits, total);
    }

    /**
     * The ids of every interaction document recorded on the given nodes, in one index. Used when a
     * person is gone; the minimal distribution has no delete-by-query (its reindex module is
     * missing), so the documents are listed here, page by page, and deleted by id in bulk.
     */
    @SuppressWarnings("rawtypes")
    public List<String> interactionsOfNodes(String index, String tenant, Collection<String> nodeIds) throws IOException {
        List<FieldValue> nodes = nodeIds.stream().map(FieldValue::of).toList();
        List<String> found = new ArrayList<>();
        List<FieldValue> after = List.of();
        while (true) {
            List<FieldValue> from = after;
            SearchResponse<Map> page = client.search(s -> {
                s.index(index).size(SCAN_PAGE)
                        .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("tenant").value(tenant)))
                                .filter(f -> f.terms(t -> t.field("node_id").terms(v -> v.value(nodes))))))
                        .sort(o -> o.field(f -> f.field("interaction_id").order(SortOrder.Asc)))
                        .source(src -> src.filter(f -> f.includes("interaction_id")));
                return from.isEmpty() ? s : s.searchAfter(from);
            }, Map.class);
            List<Hit<Map>> hits = page.hits().hits();
            hits.forEach(hit -> found.add(String.valueOf(hit.source().get("interaction_id"))));
            if (hits.size() < SCAN_PAGE) {
                return found;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    /** One page of hits and how many there are in all. */
    public record Page(List<InteractionHit> hits, long total) {
        public Page {
            hits = List.copyOf(hits);
        }
    }
}
