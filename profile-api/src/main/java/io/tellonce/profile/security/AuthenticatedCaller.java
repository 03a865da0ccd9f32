package io.tellonce.profile.security;

import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.Caller;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A caller whose access token was verified: the tenant it acts for (from the token, never from the
 * request), its subject, its roles and, for a bot, the channel it serves.
 */
public record AuthenticatedCaller(TenantId tenant, String subject, Set<CallerRole> roles, Optional<String> channel) {
    public AuthenticatedCaller {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(subject, "subject");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        Objects.requireNonNull(channel, "channel");
    }

    public boolean hasAnyOf(Set<CallerRole> allowed) {
        return roles.stream().anyMatch(allowed::contains);
    }

    /** Roles as the audit log records them: claim values, sorted, comma-separated. */
    public String roleNames() {
        return roles.stream().map(CallerRole::claimValue).sorted().collect(Collectors.joining(","));
    }

    /** Who called, as the audit log records it. */
    public Caller asAuditCaller() {
        return new Caller(tenant, subject, roleNames());
    }
}
