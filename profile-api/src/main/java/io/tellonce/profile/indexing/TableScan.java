package io.tellonce.profile.indexing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.profile.cassandra.ChangeLogEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a whole table page by page and hands its rows on as batches of changes, for rebuilding an
 * index: a maintenance scan, never on a request path.
 */
final class TableScan {
    private static final int PAGE = 500;

    private TableScan() {
    }

    interface Batches {
        void apply(List<ChangeLogEntry> batch) throws IOException;
    }

    static void inBatches(CqlSession session, String select, Function<Row, ChangeLogEntry> change, Batches batches)
            throws IOException {
        List<ChangeLogEntry> batch = new ArrayList<>();
        for (Row row : session.execute(SimpleStatement.newInstance(select).setPageSize(PAGE))) {
            batch.add(change.apply(row));
            if (batch.size() == PAGE) {
                batches.apply(batch);
                batch = new ArrayList<>();
            }
        }
        batches.apply(batch);
    }
}
