package io.tellonce.profile.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * @param retention     how long audit entries are kept (a TTL)
 * @param consentChecks whether CheckConsent and BatchCheckConsent are audited (one entry per person and call)
 */
@ConfigurationProperties("tellonce.audit")
public record AuditSettings(Duration retention, boolean consentChecks) {
}
