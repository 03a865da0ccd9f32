package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Reads profiles from storage. */
public interface ProfileReader {
    CompletionStage<Optional<ProfileView>> profile(TenantId tenant, ProfileId profile);
}
