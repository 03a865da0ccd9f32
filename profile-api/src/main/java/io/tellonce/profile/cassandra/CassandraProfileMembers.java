package io.tellonce.profile.cassandra;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.ProfileMembers;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** A profile's member nodes, as the history finds them ({@link CassandraPersonNodes}). */
@Singleton
final class CassandraProfileMembers implements ProfileMembers {
    private final CassandraPersonNodes persons;

    CassandraProfileMembers(CassandraPersonNodes persons) {
        this.persons = persons;
    }

    @Override
    public CompletionStage<Optional<Members>> of(TenantId tenant, ProfileId anyId) {
        return persons.of(tenant, anyId).thenApply(found -> found.map(person ->
                new Members(person.profile(), person.nodes())));
    }
}
