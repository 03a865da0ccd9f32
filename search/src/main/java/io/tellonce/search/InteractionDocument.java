package io.tellonce.search;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the interaction index holds about one interaction: what agents search and filter on, the
 * texts folded for search. It names the identity node the interaction was recorded on, never the
 * profile: merges and unmerges change which profile a node belongs to without touching this
 * document, and searches resolve the current profile from Cassandra.
 *
 * Channel, direction, sentiment, outcome and case status are the domain names, e.g. {@code WHATSAPP}.
 *
 * @param topic      lower-cased, empty when unknown
 * @param transcript the texts of the transcript's messages, in order
 * @param caseStatus the status of the case the interaction belongs to, when it belongs to one
 */
public record InteractionDocument(String tenant, String interactionId, String nodeId, String channel,
                                  String direction, Instant occurredAt, String topic, String summary,
                                  List<String> transcript, String sentiment, String outcome, Optional<String> caseId,
                                  Optional<String> caseStatus) {
    public InteractionDocument {
        Objects.requireNonNull(tenant);
        Objects.requireNonNull(interactionId);
        Objects.requireNonNull(nodeId);
        Objects.requireNonNull(occurredAt);
        summary = SearchText.fold(summary);
        transcript = transcript.stream().map(SearchText::fold).filter(text -> !text.isEmpty()).toList();
    }

    /** The document id: tenant and interaction, so that two tenants can never address one document. */
    public static String documentId(String tenant, String interactionId) {
        return tenant + "/" + interactionId;
    }

    public String documentId() {
        return documentId(tenant, interactionId);
    }

    /** The JSON source, field names as in the mapping. */
    public Map<String, Object> source() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("tenant", tenant);
        source.put("interaction_id", interactionId);
        source.put("node_id", nodeId);
        source.put("channel", channel);
        source.put("direction", direction);
        source.put("occurred_at", occurredAt.toString());
        source.put("topic", topic);
        source.put("summary", summary);
        source.put("transcript", transcript);
        source.put("sentiment", sentiment);
        source.put("outcome", outcome);
        caseId.ifPresent(id -> source.put("case_id", id));
        caseStatus.ifPresent(status -> source.put("case_status", status));
        return source;
    }
}
