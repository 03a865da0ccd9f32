package io.tellonce.profile.matching;

import io.tellonce.identity.TenantId;
import io.tellonce.matching.MatchModel;
import java.util.concurrent.CompletionStage;

/** Where each tenant's models are kept; the shipped default for a tenant without a live one. */
public interface MatchModels {

    /** The live model, and the shadow model when a shadow run is on (a shadow newer than the live model). */
    CompletionStage<TenantModels> models(TenantId tenant);

    /** Stores the model as the tenant's next version, live or shadow; answers that version's number. */
    CompletionStage<Integer> store(TenantId tenant, MatchModel model, boolean shadow, String description);
}
