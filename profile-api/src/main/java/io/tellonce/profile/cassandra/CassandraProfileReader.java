package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.ProfileReader;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.profile.app.ProfileView.ListedIdentifier;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Reads a profile's partition in one query: its static attributes and its identifier rows. */
@Singleton
final class CassandraProfileReader implements ProfileReader {
    private final CqlSession session;
    private final PreparedStatement selectProfile;

    CassandraProfileReader(CqlSession session) {
        this.session = session;
        selectProfile = session.prepare(SimpleStatement.builder("SELECT kind, namespace, value, source_system,"
                        + " first_seen_at, created_at, updated_at, attributes FROM profile"
                        + " WHERE tenant = ? AND profile_id = ?")
                .setIdempotence(true).build());
    }

    @Override
    public CompletionStage<Optional<ProfileView>> profile(TenantId tenant, ProfileId profile) {
        return session.executeAsync(selectProfile.bind(tenant.value(), profile.value()))
                .thenApply(rs -> view(profile, rs));
    }

    // Identifier rows are bounded by the merge policy's per-kind limits, so one page holds them all.
    private static Optional<ProfileView> view(ProfileId profile, AsyncResultSet rs) {
        List<ListedIdentifier> identifiers = new ArrayList<>();
        Instant createdAt = null;
        Instant updatedAt = null;
        Map<String, String> attributes = Map.of();
        for (Row row : rs.currentPage()) {
            createdAt = row.getInstant("created_at");
            updatedAt = row.getInstant("updated_at");
            attributes = row.getMap("attributes", String.class, String.class);
            String kind = row.getString("kind");
            if (kind != null) {
                IdentifierKind.fromStorageName(kind).ifPresent(k -> identifiers.add(new ListedIdentifier(
                        new Identifier(k, row.getString("namespace"), row.getString("value")),
                        row.getString("source_system"), row.getInstant("first_seen_at"))));
            }
        }
        if (createdAt == null) {
            return Optional.empty();
        }
        return Optional.of(new ProfileView(profile, identifiers, attributes, createdAt, updatedAt));
    }
}
