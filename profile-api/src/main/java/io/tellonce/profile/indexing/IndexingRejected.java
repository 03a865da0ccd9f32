package io.tellonce.profile.indexing;

import java.util.List;

/** Elasticsearch answered but refused documents; the changes are tried again like an outage. */
final class IndexingRejected extends RuntimeException {
    IndexingRejected(List<String> failures) {
        super(failures.size() + " documents refused, first: " + failures.get(0));
    }
}
