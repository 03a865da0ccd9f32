package io.tellonce.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** A graph in memory, for testing the resolver's logic; the Cassandra graph is tested against Cassandra. */
final class InMemoryIdentityGraph implements IdentityGraph {
    final Map<String, Claim> owners = new ConcurrentHashMap<>();
    final Set<ProfileId> profiles = ConcurrentHashMap.newKeySet();
    final Map<ProfileId, Map<String, String>> attributes = new ConcurrentHashMap<>();

    private static String key(TenantId tenant, Identifier identifier) {
        return tenant + "/" + identifier;
    }

    @Override
    public CompletionStage<Map<Identifier, Claim>> claims(TenantId tenant, Collection<Identifier> identifiers) {
        Map<Identifier, Claim> found = new HashMap<>();
        identifiers.forEach(id -> {
            Claim owner = owners.get(key(tenant, id));
            if (owner != null) {
                found.put(id, owner);
            }
        });
        return CompletableFuture.supplyAsync(() -> found);
    }

    @Override
    public CompletionStage<Void> createProfile(TenantId tenant, ProfileId profile, Observation observation) {
        profiles.add(profile);
        attributes.put(profile, new HashMap<>(observation.attributes()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Claim> claim(TenantId tenant, Identifier identifier, ProfileId profile,
                                        Observation observation) {
        Claim mine = new Claim(profile, observation.sourceSystem(), observation.observedAt());
        Claim earlier = owners.putIfAbsent(key(tenant, identifier), mine);
        return CompletableFuture.supplyAsync(() -> earlier == null ? mine : earlier);
    }

    @Override
    public CompletionStage<Void> attach(TenantId tenant, ProfileId profile, Observation observation,
                                        Map<Identifier, Claim> ownClaims) {
        attributes.get(profile).putAll(observation.attributes());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> discard(TenantId tenant, ProfileId profile) {
        profiles.remove(profile);
        attributes.remove(profile);
        return CompletableFuture.completedFuture(null);
    }
}
