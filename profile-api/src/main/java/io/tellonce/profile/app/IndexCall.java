package io.tellonce.profile.app;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.util.concurrent.CompletionException;

/**
 * A search against Elasticsearch, run inside a stage. However Elasticsearch fails (unreachable, or
 * answering with an error because an index is missing), the stage fails with an IOException, which
 * callers see as UNAVAILABLE: the index is derived and will be back, never INTERNAL.
 */
@FunctionalInterface
public interface IndexCall<T> {
    T call() throws IOException;

    static <T> T answer(IndexCall<T> search) {
        try {
            return search.call();
        } catch (IOException e) {
            throw new CompletionException(e);
        } catch (ElasticsearchException e) {
            throw new CompletionException(new IOException("search index not answering: " + e.getMessage(), e));
        }
    }
}
