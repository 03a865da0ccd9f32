package io.tellonce.profile.app;

import io.tellonce.identity.TenantId;
import java.util.Objects;

/**
 * Who is calling: the tenant, and the actor and role recorded in the audit. For now all three come
 * from call metadata (ADR 6, ADR 11); the security issue replaces that source with verified tokens.
 */
public record Caller(TenantId tenant, String actor, String role) {
    public static final String ANONYMOUS = "anonymous";
    public static final String UNSPECIFIED_ROLE = "unspecified";

    public Caller {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(role, "role");
    }
}
