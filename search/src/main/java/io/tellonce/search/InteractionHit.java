package io.tellonce.search;

import java.util.List;

/**
 * One interaction that matched a search, as the index knows it: which interaction, on which node.
 * What is shown of it is read from Cassandra.
 *
 * @param summaryHighlights    fragments of the summary with the matching words in {@code <em>}, folded as indexed
 * @param transcriptHighlights the same for the transcript's messages
 */
public record InteractionHit(String interactionId, String nodeId, double score, List<String> summaryHighlights,
                             List<String> transcriptHighlights) {
    public InteractionHit {
        summaryHighlights = List.copyOf(summaryHighlights);
        transcriptHighlights = List.copyOf(transcriptHighlights);
    }
}
