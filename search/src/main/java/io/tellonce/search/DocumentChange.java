package io.tellonce.search;

/**
 * A write to the profile index. The version orders writes to one document: Elasticsearch keeps the
 * highest (external versioning), so a replayed or late change never overwrites a newer one.
 */
public sealed interface DocumentChange {
    String documentId();

    long version();

    record Upsert(ProfileDocument document, long version) implements DocumentChange {
        @Override
        public String documentId() {
            return document.documentId();
        }
    }

    record Removal(String tenant, String profileId, long version) implements DocumentChange {
        @Override
        public String documentId() {
            return ProfileDocument.documentId(tenant, profileId);
        }
    }
}
