package io.tellonce.profile.app;

import io.tellonce.identity.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** The review queue: decisions the merge policy leaves to a person. */
public interface ReviewItems {

    /** A page of items, newest first; {@code pageToken} from the previous page, empty for the first. */
    CompletionStage<Page> list(TenantId tenant, boolean open, int pageSize, Optional<String> pageToken);

    /**
     * Decides an open item. MERGE merges its profiles under the merge policy.
     *
     * @throws ReviewItemNotFound, PreconditionFailed (already decided, or the policy refuses the merge)
     */
    CompletionStage<ReviewItemView> decide(TenantId tenant, UUID item, ReviewItemView.Verdict verdict, String actor,
                                           String reason);

    record Page(List<ReviewItemView> items, Optional<String> nextPageToken) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
