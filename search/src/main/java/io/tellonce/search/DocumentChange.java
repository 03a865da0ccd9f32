package io.tellonce.search;

import java.util.Map;

/**
 * A write to one document of an index. The version orders writes to one document: Elasticsearch keeps
 * the highest (external versioning), so a replayed or late change never overwrites a newer one.
 */
public sealed interface DocumentChange {
    String documentId();

    long version();

    /** @param source the whole document, field names as in the mapping */
    record Upsert(String documentId, Map<String, Object> source, long version) implements DocumentChange {
        public Upsert {
            source = Map.copyOf(source);
        }

        public static Upsert of(ProfileDocument document, long version) {
            return new Upsert(document.documentId(), document.source(), version);
        }

        public static Upsert of(InteractionDocument document, long version) {
            return new Upsert(document.documentId(), document.source(), version);
        }
    }

    record Removal(String documentId, long version) implements DocumentChange {
        public static Removal ofProfile(String tenant, String profileId, long version) {
            return new Removal(ProfileDocument.documentId(tenant, profileId), version);
        }

        public static Removal ofInteraction(String tenant, String interactionId, long version) {
            return new Removal(InteractionDocument.documentId(tenant, interactionId), version);
        }
    }
}
