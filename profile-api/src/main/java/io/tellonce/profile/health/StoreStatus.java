package io.tellonce.profile.health;

/** The last verdict on both stores, with a sentence for each. */
public record StoreStatus(boolean cassandraReady, String cassandra, boolean elasticsearchReady, String elasticsearch) {

    static StoreStatus cassandra(boolean ready, String detail) {
        return new StoreStatus(ready, detail, false, "");
    }

    static StoreStatus elasticsearch(boolean ready, String detail) {
        return new StoreStatus(false, "", ready, detail);
    }

    /** Takes the Cassandra half of this and the Elasticsearch half of the other. */
    StoreStatus combine(StoreStatus elasticsearchHalf) {
        return new StoreStatus(cassandraReady, cassandra, elasticsearchHalf.elasticsearchReady,
                elasticsearchHalf.elasticsearch);
    }

    public boolean serving() {
        return cassandraReady && elasticsearchReady;
    }

    public String describe() {
        return "cassandra " + cassandra + "; elasticsearch " + elasticsearch;
    }
}
