package io.tellonce.profile.config;

import io.micronaut.core.value.PropertyResolver;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.IdentifierHashes;
import io.tellonce.profile.app.Reappearance;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The erasure settings of each tenant (ADR 14), in the style of {@link ConsentPolicies}:
 * {@code tellonce.privacy.*} for every tenant, {@code tellonce.privacy.tenants.<tenant>.*} to override.
 *
 * <p>{@code suppression-salt}: the tenant's salt for the hashes of erased identifiers, at least 16
 * characters. Without a tenant salt, the salt is derived from {@code suppression-secret}
 * (HMAC-SHA256 of the tenant name), so one secret in the environment
 * ({@code TELLONCE_PRIVACY_SUPPRESSION_SECRET}) gives every tenant its own salt. Neither is ever in the
 * repository; with neither, erasure is refused and nothing is suppressed.
 *
 * <p>{@code reappearance}: {@code fresh} (default) or {@code refuse}.
 */
@Singleton
public final class PrivacyPolicies {
    private static final String PREFIX = "tellonce.privacy.";

    private final PropertyResolver properties;
    private final Reappearance defaultReappearance;
    private final Map<TenantId, Policy> perTenant = new ConcurrentHashMap<>();

    public PrivacyPolicies(PropertyResolver properties) {
        this.properties = properties;
        this.defaultReappearance = reappearance(properties.getProperty(PREFIX + "reappearance", String.class)
                .orElse("fresh"));
    }

    /** @param hashes empty when no salt is configured for the tenant */
    public record Policy(Optional<IdentifierHashes> hashes, Reappearance reappearance) {
    }

    public Policy of(TenantId tenant) {
        return perTenant.computeIfAbsent(tenant, this::read);
    }

    private Policy read(TenantId tenant) {
        String prefix = PREFIX + "tenants." + tenant.value() + ".";
        Optional<byte[]> salt = nonBlank(prefix + "suppression-salt").map(s -> s.getBytes(StandardCharsets.UTF_8))
                .or(() -> nonBlank(PREFIX + "suppression-secret").map(secret -> derived(secret, tenant)));
        return new Policy(salt.map(IdentifierHashes::new), properties.getProperty(prefix + "reappearance", String.class)
                .map(PrivacyPolicies::reappearance).orElse(defaultReappearance));
    }

    private Optional<String> nonBlank(String name) {
        return properties.getProperty(name, String.class).filter(value -> !value.isBlank());
    }

    private static byte[] derived(String secret, TenantId tenant) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(("tellonce suppression salt\u0000" + tenant.value()).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static Reappearance reappearance(String name) {
        try {
            return Reappearance.named(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tellonce.privacy.reappearance: fresh or refuse, not " + name);
        }
    }
}
