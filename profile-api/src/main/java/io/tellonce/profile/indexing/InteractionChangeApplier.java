package io.tellonce.profile.indexing;

import io.tellonce.identity.TenantId;
import io.tellonce.profile.cassandra.ChangeFeed;
import io.tellonce.profile.cassandra.ChangeLogEntry;
import io.tellonce.profile.history.CaseEvent;
import io.tellonce.profile.history.CaseStore;
import io.tellonce.profile.history.CustomerCase;
import io.tellonce.profile.history.Interaction;
import io.tellonce.profile.history.InteractionStore;
import io.tellonce.search.DocumentChange;
import io.tellonce.search.DocumentWriter;
import io.tellonce.search.InteractionIndex;
import io.tellonce.search.SearchIndexes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Applies changes to the interaction index, like {@link ChangeApplier} does for profiles: each
 * interaction a change concerns is read again from Cassandra and written whole with the time of that
 * read as its version, or removed when Cassandra no longer has it.
 * <ul>
 * <li>"interaction recorded" names the interaction.
 * <li>"case changed" names a case: each interaction the case's history says was added to it is read
 * again, so its document gets the case's new status (and an interaction moved into the case gets its
 * new case). Re-reading is chosen over an update-by-query: the minimal Elasticsearch has neither the
 * reindex module (no update- or delete-by-query) nor painless, and the truth is in Cassandra anyway.
 * The cost is bounded by the case's history, which {@code CaseStore.find} reads whole already.
 * <li>Merges and unmerges need nothing: documents name the identity node, and searches resolve the
 * node's current profile from Cassandra.
 * <li>A node Cassandra no longer has (a removed or erased person) has its documents deleted.
 * </ul>
 */
@Singleton
final class InteractionChangeApplier {
    private final InteractionStore interactions;
    private final CaseStore cases;
    private final InteractionIndex index;
    private final DocumentWriter writer;
    private final IndexTargets targets;
    private final DocumentVersions versions;

    InteractionChangeApplier(InteractionStore interactions, CaseStore cases, InteractionIndex index,
                             DocumentWriter writer, IndexTargets targets, DocumentVersions versions) {
        this.writer = writer;
        this.interactions = interactions;
        this.cases = cases;
        this.index = index;
        this.targets = targets;
        this.versions = versions;
    }

    /**
     * Applies the changes to the current interaction indexes.
     *
     * @param gone nodes Cassandra no longer has: their interaction documents are deleted
     */
    void apply(List<ChangeLogEntry> entries, Set<NamedNode> gone) throws IOException {
        applyTo(targets.current(SearchIndexes.INTERACTIONS), entries, gone);
    }

    /** Applies the changes to the given indexes only. */
    void applyTo(List<String> writeTo, List<ChangeLogEntry> entries, Set<NamedNode> gone) throws IOException {
        Set<Named> named = interactionsConcerned(entries);
        List<DocumentChange> changes = new ArrayList<>(documentChanges(named));
        changes.addAll(removalsOfNodes(writeTo, gone));
        List<String> failed = writer.write(writeTo, changes);
        if (!failed.isEmpty()) {
            throw new IndexingRejected(failed);
        }
    }

    private Set<Named> interactionsConcerned(List<ChangeLogEntry> entries) {
        Set<Named> named = new LinkedHashSet<>();
        Map<Named, CompletableFuture<Optional<CustomerCase>>> changedCases = new LinkedHashMap<>();
        for (ChangeLogEntry entry : entries) {
            TenantId tenant = new TenantId(entry.tenant());
            Optional<UUID> detail = uuid(entry.detail());
            if (detail.isEmpty()) {
                continue;
            }
            switch (entry.change()) {
                case ChangeFeed.INTERACTION_RECORDED -> named.add(new Named(tenant, detail.get()));
                case ChangeFeed.CASE_CHANGED -> changedCases.computeIfAbsent(new Named(tenant, detail.get()),
                        aCase -> cases.find(tenant, aCase.id()).toCompletableFuture());
                default -> {
                    // Profile changes, merges and unmerges leave interaction documents as they are.
                }
            }
        }
        changedCases.forEach((aCase, read) -> read.join().ifPresent(found -> found.history().stream()
                .filter(event -> event.kind() == CaseEvent.Kind.INTERACTION_ADDED)
                .forEach(event -> event.interactionId().ifPresent(id -> named.add(new Named(aCase.tenant(), id))))));
        return named;
    }

    private List<DocumentChange> documentChanges(Set<Named> named) {
        Map<Named, Long> readVersions = new LinkedHashMap<>();
        Map<Named, CompletableFuture<Optional<Interaction>>> reads = new LinkedHashMap<>();
        Map<Named, CompletableFuture<Optional<CustomerCase>>> caseReads = new LinkedHashMap<>();
        for (Named interaction : named) {
            readVersions.put(interaction, versions.next());
            reads.put(interaction, interactions.find(interaction.tenant(), interaction.id()).toCompletableFuture());
        }
        List<DocumentChange> changes = new ArrayList<>();
        for (Named interaction : named) {
            long version = readVersions.get(interaction);
            Optional<Interaction> found = reads.get(interaction).join();
            if (found.isEmpty()) {
                changes.add(DocumentChange.Removal.ofInteraction(interaction.tenant().value(),
                        interaction.id().toString(), version));
                continue;
            }
            Optional<CustomerCase> itsCase = found.get().caseId().flatMap(caseId -> caseReads.computeIfAbsent(
                    new Named(interaction.tenant(), caseId),
                    aCase -> cases.find(aCase.tenant(), aCase.id()).toCompletableFuture()).join());
            changes.add(DocumentChange.Upsert.of(InteractionDocuments.of(interaction.tenant(), found.get(),
                    itsCase.map(CustomerCase::status)), version));
        }
        return changes;
    }

    /** Bounded by the person's interactions; listed page by page (see InteractionIndex#interactionsOfNodes). */
    private List<DocumentChange> removalsOfNodes(Collection<String> writeTo, Set<NamedNode> gone) throws IOException {
        Map<TenantId, Set<String>> nodesByTenant = gone.stream().collect(Collectors.groupingBy(NamedNode::tenant,
                LinkedHashMap::new, Collectors.mapping(node -> node.id().toString(), Collectors.toSet())));
        Map<String, DocumentChange> removals = new LinkedHashMap<>();
        for (Map.Entry<TenantId, Set<String>> tenant : nodesByTenant.entrySet()) {
            for (String target : writeTo) {
                for (String interactionId : index.interactionsOfNodes(target, tenant.getKey().value(),
                        tenant.getValue())) {
                    DocumentChange removal = DocumentChange.Removal.ofInteraction(tenant.getKey().value(),
                            interactionId, versions.next());
                    removals.putIfAbsent(removal.documentId(), removal);
                }
            }
        }
        return new ArrayList<>(removals.values());
    }

    private static Optional<UUID> uuid(String detail) {
        try {
            return Optional.of(UUID.fromString(detail));
        } catch (IllegalArgumentException | NullPointerException notAnId) {
            return Optional.empty();
        }
    }

    /** An interaction or case, in its tenant. */
    private record Named(TenantId tenant, UUID id) {
    }
}
