package io.tellonce.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Writes document changes to indexes in bulk, each with its external version. */
public final class DocumentWriter {
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;

    private final ElasticsearchClient client;

    public DocumentWriter(ElasticsearchClient client) {
        this.client = client;
    }

    /**
     * Applies the changes to every target index in one bulk request.
     *
     * @return the changes Elasticsearch did not take and that may succeed later (empty when all
     *         landed); a version conflict counts as landed: a newer write is already there
     * @throws IOException when Elasticsearch cannot be reached: nothing is known to have landed
     */
    public List<String> write(Collection<String> targets, List<DocumentChange> changes) throws IOException {
        if (changes.isEmpty() || targets.isEmpty()) {
            return List.of();
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (String target : targets) {
            for (DocumentChange change : changes) {
                if (change instanceof DocumentChange.Upsert upsert) {
                    bulk.operations(op -> op.index(i -> i.index(target).id(upsert.documentId())
                            .version(upsert.version()).versionType(VersionType.External)
                            .document(upsert.source())));
                } else {
                    bulk.operations(op -> op.delete(d -> d.index(target).id(change.documentId())
                            .version(change.version()).versionType(VersionType.External)));
                }
            }
        }
        BulkResponse response = client.bulk(bulk.build());
        List<String> failed = new ArrayList<>();
        if (response.errors()) {
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null && item.status() != CONFLICT && item.status() != NOT_FOUND) {
                    failed.add(item.index() + "/" + item.id() + ": " + item.error().type() + " " + item.error().reason());
                }
            }
        }
        return failed;
    }
}
