package io.tellonce.profile.matching;

import io.micronaut.core.value.PropertyResolver;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Each tenant's matching policy from configuration: {@code tellonce.matching.*} for every tenant,
 * {@code tellonce.matching.tenants.<tenant>.*} to override any setting for one tenant. Settings:
 * {@code inline}, {@code review-threshold}, {@code auto-merge}, {@code auto-merge-threshold}. The
 * defaults are checked at start; a tenant's policy is read once, on first use.
 */
@Singleton
public final class MatchPolicies implements Function<TenantId, MatchPolicy> {
    private static final String PREFIX = "tellonce.matching.";

    private final PropertyResolver properties;
    private final MatchPolicy defaults;
    private final Map<TenantId, MatchPolicy> perTenant = new ConcurrentHashMap<>();
    private final Map<TenantId, Optional<MatchPolicy>> shadows = new ConcurrentHashMap<>();

    public MatchPolicies(PropertyResolver properties) {
        this.properties = properties;
        this.defaults = new MatchPolicy(
                setting(PREFIX + "inline", Boolean.class, false),
                setting(PREFIX + "review-threshold", Double.class, 0.9),
                setting(PREFIX + "auto-merge", Boolean.class, false),
                setting(PREFIX + "auto-merge-threshold", Double.class, 0.9999));
    }

    @Override
    public MatchPolicy apply(TenantId tenant) {
        return perTenant.computeIfAbsent(tenant, this::read);
    }

    /**
     * The shadow policy evaluated beside the live one (shadow mode): {@code tellonce.matching.shadow.*}
     * or {@code tellonce.matching.tenants.<tenant>.shadow.*}, each setting defaulting to the live one;
     * empty when neither names a threshold. It decides nothing, it is only reported.
     */
    public Optional<MatchPolicy> shadow(TenantId tenant) {
        return shadows.computeIfAbsent(tenant, this::readShadow);
    }

    private Optional<MatchPolicy> readShadow(TenantId tenant) {
        String global = PREFIX + "shadow.";
        String own = PREFIX + "tenants." + tenant.value() + ".shadow.";
        boolean configured = java.util.stream.Stream.of(global, own).anyMatch(prefix ->
                java.util.stream.Stream.of("review-threshold", "auto-merge", "auto-merge-threshold")
                        .anyMatch(name -> properties.getProperty(prefix + name, String.class).isPresent()));
        if (!configured) {
            return Optional.empty();
        }
        MatchPolicy live = apply(tenant);
        return Optional.of(new MatchPolicy(false,
                setting(own + "review-threshold", Double.class,
                        setting(global + "review-threshold", Double.class, live.reviewThreshold())),
                setting(own + "auto-merge", Boolean.class, setting(global + "auto-merge", Boolean.class, live.autoMerge())),
                setting(own + "auto-merge-threshold", Double.class,
                        setting(global + "auto-merge-threshold", Double.class, live.autoMergeThreshold()))));
    }

    private MatchPolicy read(TenantId tenant) {
        String prefix = PREFIX + "tenants." + tenant.value() + ".";
        return new MatchPolicy(
                setting(prefix + "inline", Boolean.class, defaults.inline()),
                setting(prefix + "review-threshold", Double.class, defaults.reviewThreshold()),
                setting(prefix + "auto-merge", Boolean.class, defaults.autoMerge()),
                setting(prefix + "auto-merge-threshold", Double.class, defaults.autoMergeThreshold()));
    }

    private <T> T setting(String name, Class<T> type, T fallback) {
        return properties.getProperty(name, type).orElse(fallback);
    }
}
