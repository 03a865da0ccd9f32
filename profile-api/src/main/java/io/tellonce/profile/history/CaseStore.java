package io.tellonce.profile.history;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Cases, stored per identity node, each with its history. */
public interface CaseStore {

    /** Stores a new case with its opening event and publishes the change, all or nothing. */
    CompletionStage<Void> open(TenantId tenant, CustomerCase opened, CaseEvent event);

    /**
     * Stores the case's new status and its events, moving {@code added} into the case when present,
     * and publishes the change, all or nothing.
     */
    CompletionStage<Void> update(TenantId tenant, CustomerCase changed, List<CaseEvent> events,
                                 Optional<Interaction> added);

    /** Removes a case just opened for a person who turned out to be being erased (ADR 14). */
    CompletionStage<Void> withdraw(TenantId tenant, CustomerCase opened);

    /** The case with its history. */
    CompletionStage<Optional<CustomerCase>> find(TenantId tenant, UUID caseId);

    /** The cases recorded on one node, without their history. */
    CompletionStage<List<CustomerCase>> ofNode(TenantId tenant, ProfileId node);
}
