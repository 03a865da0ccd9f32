package io.tellonce.devstack;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a development access token says: who calls, for which tenant, in which roles, and (for a bot)
 * on which channel. The claim names are the service's defaults (tellonce.security.*-claim).
 */
public record AccessTokenClaims(String issuer, String audience, String subject, String tenant, List<String> roles,
                                Optional<String> channel, Instant issuedAt, Instant expiresAt) {
    public static final String DEV_ISSUER = "tellonce-dev";
    public static final String DEV_AUDIENCE = "tellonce";

    public AccessTokenClaims {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenant, "tenant");
        roles = List.copyOf(roles);
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A development token for one tenant and roles, valid from now for the given time. */
    public static AccessTokenClaims dev(String subject, String tenant, List<String> roles, java.time.Duration validity) {
        Instant now = Instant.now();
        return new AccessTokenClaims(DEV_ISSUER, DEV_AUDIENCE, subject, tenant, roles, Optional.empty(), now,
                now.plus(validity));
    }

    public AccessTokenClaims withChannel(String channel) {
        return new AccessTokenClaims(issuer, audience, subject, tenant, roles, Optional.of(channel), issuedAt, expiresAt);
    }

    public AccessTokenClaims withIssuer(String issuer) {
        return new AccessTokenClaims(issuer, audience, subject, tenant, roles, channel, issuedAt, expiresAt);
    }

    public AccessTokenClaims withAudience(String audience) {
        return new AccessTokenClaims(issuer, audience, subject, tenant, roles, channel, issuedAt, expiresAt);
    }

    public AccessTokenClaims expiringAt(Instant expiresAt) {
        return new AccessTokenClaims(issuer, audience, subject, tenant, roles, channel, issuedAt, expiresAt);
    }
}
