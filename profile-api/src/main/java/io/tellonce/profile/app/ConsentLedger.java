package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.consent.ConsentRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The append-only consent ledger, kept per identity node, with each node's current answers beside it. */
public interface ConsentLedger {

    /** Appends the record to its node's ledger and current answers, and the audit entry, atomically. */
    CompletionStage<Void> append(TenantId tenant, ConsentRecord record, AuditEntry audit);

    /** The newest answer per purpose x channel x scope of each node (one partition read per node, in parallel). */
    CompletionStage<List<ConsentRecord>> current(TenantId tenant, List<ProfileId> nodes);

    /** The nodes' ledgers merged, newest capture first. */
    CompletionStage<Page> history(TenantId tenant, List<ProfileId> nodes, int pageSize, Optional<String> pageToken);

    record Page(List<ConsentRecord> records, Optional<String> nextPageToken) {
        public Page {
            records = List.copyOf(records);
        }
    }
}
