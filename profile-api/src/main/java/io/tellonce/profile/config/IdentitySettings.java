package io.tellonce.profile.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * @param defaultRegion       ISO 3166 region for phone numbers written without a country code
 * @param idempotencyRetention how long a write's idempotency key is remembered
 * @param profileLockTtl       how long a profile's lock outlives a holder that stopped (whole seconds):
 *                             long enough for any merge, unmerge or move, short enough that a crashed
 *                             holder does not keep a customer's profile locked for long; a holder that
 *                             outlives it has its writes refused (ADR 21)
 */
@ConfigurationProperties("tellonce.identity")
public record IdentitySettings(String defaultRegion, Duration idempotencyRetention, Duration profileLockTtl) {
}
