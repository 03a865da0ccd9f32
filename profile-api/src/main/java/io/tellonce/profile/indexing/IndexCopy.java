package io.tellonce.profile.indexing;

import io.tellonce.search.IndexDefinition;
import java.io.IOException;

/** How one index is filled from Cassandra when it is rebuilt: a maintenance read, never on a request path. */
interface IndexCopy {
    IndexDefinition definition();

    /** Writes every document Cassandra has for this index into {@code index}, and only there. */
    void copyInto(String index) throws IOException;
}
