package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned CQL scripts under {@code db/cassandra/} in order, once each, and records
 * them in {@code schema_migrations}. Every statement is idempotent ({@code IF NOT EXISTS}); a lease
 * (a lightweight transaction with a TTL) keeps two instances starting together from issuing the same
 * DDL at once, which Cassandra does not tolerate well.
 */
public final class CqlMigrations {
    // Declared before the scripts: LATEST_VERSION is read from their names as the class initialises.
    private static final Pattern SCRIPT_NAME = Pattern.compile("^V(\\d{3})__[a-z0-9_]+\\.cql$");

    /**
     * The scripts, in order; each one's version is the number in its name (V003__... is version 3).
     * A script is never edited once released: add a new version instead.
     */
    static final List<String> SCRIPTS = List.of("V001__identity_graph.cql", "V002__history.cql",
            "V003__consent_and_audit.cql", "V004__change_log_and_indexing.cql", "V005__erasure.cql",
            "V007__match_models.cql", "V008__shared_values.cql", "V009__shadow_match_models.cql",
            "V010__fenced_locks_and_leases.cql", "V011__operation_intents.cql");
    public static final int LATEST_VERSION = version(SCRIPTS.get(SCRIPTS.size() - 1));

    private static final Logger LOG = LoggerFactory.getLogger(CqlMigrations.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(30);

    private final CqlSession session;
    private final String keyspace;

    /** @param session a session whose keyspace is the one to migrate */
    CqlMigrations(CqlSession session) {
        this.session = session;
        this.keyspace = session.getKeyspace().orElseThrow().asCql(true);
    }

    static void createKeyspace(CqlSession session, String keyspace, KeyspaceReplication replication) {
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication.cql());
    }

    void apply() {
        session.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                + "version int PRIMARY KEY, script text, checksum text, applied_at timestamp)");
        session.execute("CREATE TABLE IF NOT EXISTS schema_migration_lease (name text PRIMARY KEY, holder uuid)");
        UUID holder = UUID.randomUUID();
        acquireLease(holder);
        try {
            for (String script : SCRIPTS) {
                applyIfNew(version(script), script);
            }
        } finally {
            session.execute(SimpleStatement.newInstance(
                    "DELETE FROM schema_migration_lease WHERE name = 'migrations' IF holder = ?", holder));
        }
    }

    private void acquireLease(UUID holder) {
        Instant deadline = Instant.now().plus(LEASE.multipliedBy(2));
        while (true) {
            ResultSet taken = session.execute(SimpleStatement.newInstance(
                    "INSERT INTO schema_migration_lease (name, holder) VALUES ('migrations', ?) IF NOT EXISTS USING TTL "
                    + LEASE.toSeconds(), holder));
            if (taken.wasApplied()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("another instance has held the schema migration lease of keyspace "
                        + keyspace + " for over " + LEASE.multipliedBy(2).toSeconds() + " s");
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private void applyIfNew(int version, String script) {
        String text = read(script);
        String checksum = sha256(text);
        var applied = session.execute(SimpleStatement.newInstance(
                "SELECT checksum FROM schema_migrations WHERE version = ?", version)).one();
        if (applied != null) {
            if (!checksum.equals(applied.getString("checksum"))) {
                LOG.warn("migration {} ({}) changed after it was applied; released scripts must not change",
                        version, script);
            }
            return;
        }
        for (String statement : statements(text)) {
            // DDL waits for schema agreement, which a loaded node can take longer than a request's
            // timeout to reach; every statement is IF NOT EXISTS, so waiting longer is safe.
            session.execute(SimpleStatement.newInstance(statement).setTimeout(DDL_TIMEOUT));
        }
        session.execute(SimpleStatement.newInstance(
                "INSERT INTO schema_migrations (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)",
                version, script, checksum, Instant.now()));
        LOG.info("applied schema migration {} ({}) to keyspace {}", version, script, keyspace);
    }

    /** Versions are numbered by name, not by position, so that branches adding different versions merge. */
    static int version(String script) {
        Matcher name = SCRIPT_NAME.matcher(script);
        if (!name.matches()) {
            throw new IllegalStateException("migration script names look like V001__what.cql, not " + script);
        }
        return Integer.parseInt(name.group(1));
    }

    /** Splits a script into statements: comments dropped, statements end with ';' at end of line. */
    static List<String> statements(String script) {
        String withoutComments = Arrays.stream(script.split("\n"))
                .filter(line -> !line.strip().startsWith("--"))
                .reduce("", (a, b) -> a + b + "\n");
        return Arrays.stream(withoutComments.split(";\\s*\n"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String read(String script) {
        try (InputStream in = CqlMigrations.class.getResourceAsStream("/db/cassandra/" + script)) {
            if (in == null) {
                throw new IllegalStateException("missing migration script db/cassandra/" + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the schema migration lease", e);
        }
    }
}
