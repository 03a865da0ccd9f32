package io.tellonce.profile.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.MergePolicy;
import io.tellonce.identity.TenantId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The merge policy, from configuration. One policy serves every tenant in this version.
 *
 * @param limits    e.g. {@code crm_id:1,account_number:1,loyalty_id:1,email:5,phone:5}
 * @param weakKinds e.g. {@code cookie_id,device_id}
 * @param neverLink e.g. {@code email:noreply@*,phone:*0000000}
 */
@ConfigurationProperties("tellonce.identity.merge-policy")
public record MergePolicies(String limits, String weakKinds, String neverLink) implements Function<TenantId, MergePolicy> {

    public MergePolicies {
        policy(limits, weakKinds, neverLink);
    }

    @Override
    public MergePolicy apply(TenantId tenant) {
        return policy(limits, weakKinds, neverLink);
    }

    static MergePolicy policy(String limits, String weakKinds, String neverLink) {
        Map<IdentifierKind, Integer> perKind = new EnumMap<>(IdentifierKind.class);
        for (String entry : items(limits)) {
            String[] parts = entry.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("tellonce.identity.merge-policy.limits: expected kind:count, got " + entry);
            }
            perKind.put(kind(parts[0]), Integer.parseInt(parts[1].trim()));
        }
        Set<IdentifierKind> weak = EnumSet.noneOf(IdentifierKind.class);
        items(weakKinds).forEach(kind -> weak.add(kind(kind)));
        return new MergePolicy(perKind, weak, items(neverLink).stream().map(MergePolicy.NeverLink::parse).toList());
    }

    private static IdentifierKind kind(String name) {
        return IdentifierKind.fromStorageName(name.trim()).orElseThrow(() -> new IllegalArgumentException(
                "unknown identifier kind in tellonce.identity.merge-policy: " + name));
    }

    private static List<String> items(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
