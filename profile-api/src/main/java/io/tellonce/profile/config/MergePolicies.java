package io.tellonce.profile.config;

import io.micronaut.core.value.PropertyResolver;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.MergePolicy;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The merge policy of each tenant, from configuration: {@code tellonce.identity.merge-policy.*} for
 * every tenant, and {@code tellonce.identity.merge-policy.tenants.<tenant>.*} to override any of its
 * settings for one tenant, e.g. {@code tellonce.identity.merge-policy.tenants.acme.limits}.
 * Each tenant's policy is read once, on its first use, and validated at start for the defaults.
 *
 * <p>Settings: {@code limits} (e.g. {@code crm_id:1,email:5}), {@code weak-kinds} (e.g.
 * {@code cookie_id,device_id}), {@code never-link} (e.g. {@code email:noreply@*,phone:*0000000}),
 * {@code shared-after-profiles} (a value seen on this many distinct profiles links no one from then on;
 * 0 turns it off; ADR 18).
 */
@Singleton
public final class MergePolicies implements Function<TenantId, MergePolicy> {
    private static final String PREFIX = "tellonce.identity.merge-policy.";
    private static final List<String> SETTINGS = List.of("limits", "weak-kinds", "never-link", "shared-after-profiles");
    private static final String DEFAULT_SHARED_AFTER = String.valueOf(MergePolicy.DEFAULT_SHARED_AFTER_PROFILES);

    private final PropertyResolver properties;
    private final MergePolicy defaults;
    private final Map<TenantId, MergePolicy> perTenant = new ConcurrentHashMap<>();

    public MergePolicies(PropertyResolver properties) {
        this.properties = properties;
        this.defaults = policy(setting(PREFIX, "limits", ""), setting(PREFIX, "weak-kinds", ""),
                setting(PREFIX, "never-link", ""), setting(PREFIX, "shared-after-profiles", DEFAULT_SHARED_AFTER));
    }

    @Override
    public MergePolicy apply(TenantId tenant) {
        return perTenant.computeIfAbsent(tenant, this::read);
    }

    private MergePolicy read(TenantId tenant) {
        String prefix = PREFIX + "tenants." + tenant.value() + ".";
        if (SETTINGS.stream().allMatch(name -> properties.getProperty(prefix + name, String.class).isEmpty())) {
            return defaults;
        }
        return policy(setting(prefix, "limits", setting(PREFIX, "limits", "")),
                setting(prefix, "weak-kinds", setting(PREFIX, "weak-kinds", "")),
                setting(prefix, "never-link", setting(PREFIX, "never-link", "")),
                setting(prefix, "shared-after-profiles", setting(PREFIX, "shared-after-profiles", DEFAULT_SHARED_AFTER)));
    }

    private String setting(String prefix, String name, String fallback) {
        return properties.getProperty(prefix + name, String.class).orElse(fallback);
    }

    static MergePolicy policy(String limits, String weakKinds, String neverLink, String sharedAfterProfiles) {
        Map<IdentifierKind, Integer> perKind = new EnumMap<>(IdentifierKind.class);
        for (String entry : items(limits)) {
            String[] parts = entry.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("merge-policy limits: expected kind:count, got " + entry);
            }
            perKind.put(kind(parts[0]), Integer.parseInt(parts[1].trim()));
        }
        Set<IdentifierKind> weak = EnumSet.noneOf(IdentifierKind.class);
        items(weakKinds).forEach(kind -> weak.add(kind(kind)));
        int sharedAfter;
        try {
            sharedAfter = Integer.parseInt(sharedAfterProfiles.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("merge-policy shared-after-profiles: expected a whole number, got "
                    + sharedAfterProfiles);
        }
        return new MergePolicy(perKind, weak, items(neverLink).stream().map(MergePolicy.NeverLink::parse).toList(),
                sharedAfter);
    }

    private static IdentifierKind kind(String name) {
        return IdentifierKind.fromStorageName(name.trim()).orElseThrow(() -> new IllegalArgumentException(
                "unknown identifier kind in the merge policy: " + name));
    }

    private static List<String> items(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
