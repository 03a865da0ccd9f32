package io.tellonce.profile.indexing;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.matching.PersonRecord;
import io.tellonce.profile.app.ProfileReader;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.profile.matching.PersonRecords;
import io.tellonce.profile.cassandra.ChangeLogEntry;
import io.tellonce.profile.history.Cases;
import io.tellonce.profile.history.PersonHistory;
import io.tellonce.search.DocumentChange;
import io.tellonce.search.DocumentWriter;
import io.tellonce.search.SearchIndexes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Applies changes to the profile index: each profile a change names is read again from Cassandra, as
 * it is now, and written whole; a profile that is gone or was absorbed by a merge is removed under
 * its own id and its current profile written instead. Reading the current state rather than
 * replaying the change makes every application idempotent and order-free.
 */
@Singleton
final class ChangeApplier {
    private final ProfileReader profiles;
    private final DocumentWriter index;
    private final IndexTargets targets;
    private final DocumentVersions versions;
    private final PersonHistory people;
    private final Cases cases;
    private final PersonRecords records;

    ChangeApplier(ProfileReader profiles, DocumentWriter index, IndexTargets targets, DocumentVersions versions,
                  PersonHistory people, Cases cases, PersonRecords records) {
        this.records = records;
        this.people = people;
        this.cases = cases;
        this.profiles = profiles;
        this.index = index;
        this.targets = targets;
        this.versions = versions;
    }

    /**
     * Applies the changes to the current profile indexes.
     *
     * @return the named nodes Cassandra no longer has (the person was removed or erased)
     * @throws IOException       when Elasticsearch cannot be reached
     * @throws IndexingRejected  when Elasticsearch refused some documents
     */
    Set<NamedNode> apply(List<ChangeLogEntry> entries) throws IOException {
        return applyTo(targets.current(SearchIndexes.PROFILES), entries);
    }

    /** Applies the changes to the given indexes only. */
    Set<NamedNode> applyTo(List<String> writeTo, List<ChangeLogEntry> entries) throws IOException {
        if (entries.isEmpty()) {
            return Set.of();
        }
        Set<NamedNode> named = new LinkedHashSet<>();
        entries.forEach(entry -> entry.profileIds().forEach(id ->
                named.add(new NamedNode(new TenantId(entry.tenant()), new ProfileId(id)))));
        Set<NamedNode> gone = new LinkedHashSet<>();
        List<DocumentChange> changes = documentChanges(named, gone);
        List<String> failed = index.write(writeTo, changes);
        if (!failed.isEmpty()) {
            throw new IndexingRejected(failed);
        }
        return gone;
    }

    private List<DocumentChange> documentChanges(Set<NamedNode> named, Set<NamedNode> gone) {
        Map<NamedNode, CompletableFuture<Optional<ProfileView>>> reads = new LinkedHashMap<>();
        Map<NamedNode, CompletableFuture<Boolean>> openCases = new LinkedHashMap<>();
        Map<NamedNode, Long> readVersions = new LinkedHashMap<>();
        for (NamedNode profile : named) {
            readVersions.put(profile, versions.next());
            reads.put(profile, profiles.profile(profile.tenant(), profile.id()).toCompletableFuture());
            openCases.put(profile, reads.get(profile).thenCompose(view -> view.isEmpty()
                    ? CompletableFuture.completedFuture(false)
                    : people.person(profile.tenant(), view.get().profileId())
                            .thenCompose(person -> cases.active(profile.tenant(), person))
                            .thenApply(active -> !active.isEmpty())));
        }
        Map<String, DocumentChange> changes = new LinkedHashMap<>();
        for (NamedNode profile : named) {
            long version = readVersions.get(profile);
            Optional<ProfileView> view = reads.get(profile).join();
            boolean current = view.isPresent() && view.get().profileId().equals(profile.id());
            if (view.isEmpty()) {
                gone.add(profile);
            }
            if (!current) {
                DocumentChange removal = DocumentChange.Removal.ofProfile(profile.tenant().value(),
                        profile.id().toString(), version);
                changes.putIfAbsent(removal.documentId(), removal);
            }
            view.ifPresent(found -> {
                PersonRecord person = records.person(found);
                DocumentChange upsert = DocumentChange.Upsert.of(ProfileDocuments.of(profile.tenant(), found,
                        openCases.get(profile).join(), records.keys(records.record(person)),
                        PersonRecords.stored(person)), version);
                changes.put(upsert.documentId(), upsert);
            });
        }
        return new ArrayList<>(changes.values());
    }
}
