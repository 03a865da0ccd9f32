package io.tellonce.profile.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * @param defaultRegion       ISO 3166 region for phone numbers written without a country code
 * @param idempotencyRetention how long a write's idempotency key is remembered
 */
@ConfigurationProperties("tellonce.identity")
public record IdentitySettings(String defaultRegion, Duration idempotencyRetention) {
}
