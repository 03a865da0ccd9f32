package io.tellonce.profile.app;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Every record of personal data kept against a person's identity nodes, in every table (ADR 14). */
public interface PersonalData {

    /** What the nodes hold now: the identifiers they own, and how many records of each kind. */
    CompletionStage<Holdings> holdings(TenantId tenant, List<ProfileId> nodes);

    /**
     * Deletes all of it, in an order that a retry after a crash can finish: what is found through
     * another record is deleted before the record that leads to it, and the nodes themselves last.
     *
     * @return how many records of each kind it found to delete (as {@link Holdings#counts()})
     */
    CompletionStage<Map<String, Long>> remove(TenantId tenant, List<ProfileId> nodes);

    /** @param identifiers the identifiers the nodes own (linkable ones: placeholders never identify anyone) */
    record Holdings(List<Identifier> identifiers, Map<String, Long> counts) {
        public Holdings {
            identifiers = List.copyOf(identifiers);
            counts = Map.copyOf(counts);
        }
    }
}
