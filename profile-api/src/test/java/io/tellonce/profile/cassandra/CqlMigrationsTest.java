package io.tellonce.profile.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest
class CqlMigrationsTest extends ServiceTest {
    CqlMigrationsTest() {
        super("it_migrations");
    }

    @Inject
    CqlSession session;

    @Test
    void startingTheServiceAppliedEveryMigrationOnceAndRunningThemAgainChangesNothing() {
        assertThat(session.execute("SELECT version FROM schema_migrations").all()).hasSize(CqlMigrations.SCRIPTS.size());
        var appliedAt = session.execute("SELECT applied_at FROM schema_migrations WHERE version = 1").one()
                .getInstant("applied_at");

        new CqlMigrations(session).apply();

        assertThat(session.execute("SELECT applied_at FROM schema_migrations WHERE version = 1").one()
                .getInstant("applied_at")).isEqualTo(appliedAt);
        assertThat(session.getMetadata().getKeyspace(service.namespace()).orElseThrow().getTables().keySet())
                .extracting(Object::toString)
                .contains("identifier_owner", "identity_node", "profile_cluster", "identity_link", "identity_merge",
                        "review_item", "idempotent_response", "consent_ledger", "consent_current", "audit_log");
        assertThat(session.execute("SELECT name FROM schema_migration_lease").all()).isEmpty();
    }

    @Test
    void versionsComeFromTheScriptNamesSoBranchesAddingDifferentVersionsMerge() {
        assertThat(CqlMigrations.version("V003__consent_and_audit.cql")).isEqualTo(3);
        assertThat(CqlMigrations.LATEST_VERSION).isEqualTo(CqlMigrations.version(
                CqlMigrations.SCRIPTS.get(CqlMigrations.SCRIPTS.size() - 1)));
    }

    @Test
    void scriptsSplitIntoStatementsWithoutComments() {
        assertThat(CqlMigrations.statements("-- a comment; with a semicolon\nCREATE TABLE a (x int PRIMARY KEY);\n\n"
                + "CREATE TABLE b (\n  y int PRIMARY KEY\n);\n"))
                .containsExactly("CREATE TABLE a (x int PRIMARY KEY)", "CREATE TABLE b (\n  y int PRIMARY KEY\n)");
    }
}
