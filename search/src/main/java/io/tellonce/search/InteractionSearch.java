package io.tellonce.search;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One search of the conversation history: free text over summaries and transcripts, filters, an
 * order and a page. Every filter narrows; an empty one filters nothing.
 *
 * @param text what the agent typed, as typed; folded here
 */
public record InteractionSearch(String tenant, String text, Filters filters, Order order, int from, int size) {
    public InteractionSearch {
        text = SearchText.fold(text);
    }

    public enum Order {
        /** Best match first, newest first among equals; newest first when there is no text. */
        RELEVANCE,
        NEWEST_FIRST
    }

    /**
     * Channels, case statuses and sentiments are domain names, e.g. {@code WHATSAPP}; any of a set matches.
     *
     * @param from     occurred at or after
     * @param until    occurred before
     * @param topic    compared lower-cased
     * @param nodeIds  only interactions recorded on these identity nodes (one person's nodes), when present
     */
    public record Filters(Set<String> channels, Optional<Instant> from, Optional<Instant> until, Optional<String> topic,
                          Set<String> caseStatuses, Set<String> sentiments, Optional<Set<String>> nodeIds) {
        public Filters {
            channels = Set.copyOf(channels);
            caseStatuses = Set.copyOf(caseStatuses);
            sentiments = Set.copyOf(sentiments);
            nodeIds = nodeIds.map(Set::copyOf);
        }

        public static Filters none() {
            return new Filters(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), Set.of(),
                    Optional.empty());
        }

        /** The same filters, confined to one person's identity nodes. */
        public Filters withNodes(Set<String> nodes) {
            return new Filters(channels, from, until, topic, caseStatuses, sentiments, Optional.of(nodes));
        }

        public boolean isEmpty() {
            return channels.isEmpty() && from.isEmpty() && until.isEmpty() && topic.isEmpty() && caseStatuses.isEmpty()
                    && sentiments.isEmpty() && nodeIds.isEmpty();
        }
    }
}
