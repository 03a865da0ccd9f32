package io.tellonce.profile.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How callers prove who they are (ADR 17). Exactly one of publicKey and jwksUrl names the keys that
 * sign access tokens.
 *
 * @param issuer              the required {@code iss} claim
 * @param audience            the audience ({@code aud}) tokens must be issued for
 * @param publicKey           path of a PEM public key (RSA or EC) that signs tokens; empty when jwksUrl is set
 * @param jwksUrl             the identity provider's JWKS URL; empty when publicKey is set
 * @param tenantClaim         the claim naming the tenant the caller acts for
 * @param rolesClaim          the claim listing the caller's roles (an array, or a space-separated string)
 * @param channelClaim        the claim naming the channel a bot serves (transcripts of others are withheld)
 * @param clockSkew           tolerated difference between the issuer's clock and ours
 * @param openHealth          whether grpc.health.v1 answers without a token
 * @param openReflection      whether server reflection answers without a token
 * @param callsPerSecond      sustained calls per second per caller (tenant and subject); 0 turns the limit off
 * @param burst               calls a caller may make at once above the sustained rate
 */
@ConfigurationProperties("tellonce.security")
public record SecuritySettings(String issuer, String audience, String publicKey, String jwksUrl, String tenantClaim,
                               String rolesClaim, String channelClaim, Duration clockSkew, boolean openHealth,
                               boolean openReflection, int callsPerSecond, int burst) {
}
