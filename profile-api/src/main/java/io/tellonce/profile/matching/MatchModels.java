package io.tellonce.profile.matching;

import io.tellonce.identity.TenantId;
import java.util.concurrent.CompletionStage;

/** Where each tenant's model is kept; the shipped default for a tenant without one. */
public interface MatchModels {
    CompletionStage<TenantModel> model(TenantId tenant);
}
