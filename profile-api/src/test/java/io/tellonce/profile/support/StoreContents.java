package io.tellonce.profile.support;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * What a test namespace's stores hold, read straight from them: every row of every table of the
 * keyspace (as the schema lists them, so a table added later is read too) and every document of every
 * index with the namespace's prefix (orphans of earlier reindexes included).
 */
public final class StoreContents {
    private final CqlSession session;
    private final String namespace;
    private final DirectElasticsearch elasticsearch = new DirectElasticsearch();

    public StoreContents(CqlSession session, String namespace) {
        this.session = session;
        this.namespace = namespace;
    }

    /** Each row, of any table, that contains one of the values (ignoring case), as "table holds value: row". */
    public List<String> cassandraHolding(Collection<String> values) {
        List<String> found = new ArrayList<>();
        List<String> tables = session.execute(SimpleStatement.newInstance("SELECT table_name FROM system_schema.tables"
                + " WHERE keyspace_name = ?", namespace)).all().stream().map(row -> row.getString("table_name")).toList();
        for (String table : tables) {
            for (Row row : session.execute(SimpleStatement.newInstance("SELECT * FROM " + namespace + "." + table))) {
                String text = rowText(row).toLowerCase(Locale.ROOT);
                values.stream().filter(value -> text.contains(value.toLowerCase(Locale.ROOT)))
                        .forEach(value -> found.add(table + " holds " + value + ": " + text));
            }
        }
        return found;
    }

    /** The names of the keyspace's tables. */
    public List<String> tables() {
        return session.execute(SimpleStatement.newInstance("SELECT table_name FROM system_schema.tables"
                + " WHERE keyspace_name = ?", namespace)).all().stream().map(row -> row.getString("table_name")).toList();
    }

    /** The values found in any document of any of the namespace's indexes. */
    public List<String> indexesHolding(Collection<String> values) {
        String prefix = "/" + namespace + "_*";
        elasticsearch.send(HttpRequest.newBuilder(elasticsearch.uri(prefix + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        String body = elasticsearch.send(HttpRequest.newBuilder(elasticsearch.uri(prefix + "/_search?size=10000"))
                .GET().build()).body().toLowerCase(Locale.ROOT);
        return values.stream().filter(value -> body.contains(value.toLowerCase(Locale.ROOT))).toList();
    }

    /** The row's values as text; blobs (remembered answers) decoded, so that protobuf strings show. */
    private static String rowText(Row row) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        for (ColumnDefinition column : row.getColumnDefinitions()) {
            Object value = row.getObject(i++);
            if (value instanceof ByteBuffer bytes) {
                ByteBuffer copy = bytes.duplicate();
                byte[] raw = new byte[copy.remaining()];
                copy.get(raw);
                text.append(column.getName()).append('=').append(new String(raw, StandardCharsets.ISO_8859_1));
            } else {
                text.append(column.getName()).append('=').append(value);
            }
            text.append(' ');
        }
        return text.toString();
    }
}
