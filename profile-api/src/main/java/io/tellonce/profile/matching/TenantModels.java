package io.tellonce.profile.matching;

import java.util.Objects;
import java.util.Optional;

/** A tenant's live model and, during a shadow run, the shadow model scored beside it (never applied). */
public record TenantModels(TenantModel live, Optional<TenantModel> shadow) {

    public TenantModels {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(shadow, "shadow");
    }
}
