package io.tellonce.profile.config;

import io.micronaut.core.value.PropertyResolver;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.consent.ConsentPolicy;
import io.tellonce.profile.consent.Purpose;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The consent policy of each tenant, from configuration, in the style of {@link MergePolicies}:
 * {@code tellonce.consent.*} for every tenant and {@code tellonce.consent.tenants.<tenant>.*} to
 * override a setting for one tenant. Read once per tenant; the defaults are checked at start.
 *
 * <p>Settings: {@code allowed-by-default} (purposes allowed when a person has no record, e.g.
 * {@code analytics}; empty: deny every purpose), {@code reads-needing-consent} (purposes for which
 * reads withhold attributes without a grant). Custom purposes are named by their own name.
 */
@Singleton
public final class ConsentPolicies implements Function<TenantId, ConsentPolicy> {
    private static final String PREFIX = "tellonce.consent.";
    private static final String ALLOWED = "allowed-by-default";
    private static final String READS = "reads-needing-consent";

    private final PropertyResolver properties;
    private final ConsentPolicy defaults;
    private final Map<TenantId, ConsentPolicy> perTenant = new ConcurrentHashMap<>();

    public ConsentPolicies(PropertyResolver properties) {
        this.properties = properties;
        this.defaults = new ConsentPolicy(purposes(setting(PREFIX, ALLOWED, "")),
                purposes(setting(PREFIX, READS, "marketing,personalisation,profiling")));
    }

    @Override
    public ConsentPolicy apply(TenantId tenant) {
        return perTenant.computeIfAbsent(tenant, this::read);
    }

    private ConsentPolicy read(TenantId tenant) {
        String prefix = PREFIX + "tenants." + tenant.value() + ".";
        return new ConsentPolicy(
                properties.getProperty(prefix + ALLOWED, String.class).map(ConsentPolicies::purposes)
                        .orElse(defaults.allowedByDefault()),
                properties.getProperty(prefix + READS, String.class).map(ConsentPolicies::purposes)
                        .orElse(defaults.readsNeedingConsent()));
    }

    private String setting(String prefix, String name, String fallback) {
        return properties.getProperty(prefix + name, String.class).orElse(fallback);
    }

    static Set<Purpose> purposes(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(name -> !name.isEmpty()).map(name -> {
            try {
                return Purpose.named(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tellonce.consent: not a purpose: " + name + " (built-in: "
                        + Purpose.BUILT_IN.stream().map(Purpose::storageName).collect(Collectors.joining(", "))
                        + "; custom purposes: 1-64 lower-case letters, digits, '-' or '_')");
            }
        }).collect(Collectors.toUnmodifiableSet());
    }
}
