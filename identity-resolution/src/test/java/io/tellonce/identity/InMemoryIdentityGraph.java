package io.tellonce.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** A graph in memory, for testing the resolver's logic; the Cassandra graph is tested against Cassandra. */
final class InMemoryIdentityGraph implements IdentityGraph {
    final Map<String, Claim> owners = new ConcurrentHashMap<>();
    final Map<ProfileId, Map<String, String>> attributes = new ConcurrentHashMap<>();
    final Map<ProfileId, List<Identifier>> recorded = new ConcurrentHashMap<>();
    final List<ReviewItem> reviews = new ArrayList<>();
    private final Map<ProfileId, ProfileId> rootOf = new HashMap<>();
    private final Map<ProfileId, Instant> createdAt = new HashMap<>();
    private final List<ClusterReplay.Link> links = new ArrayList<>();
    private long clock;

    private static String key(TenantId tenant, Identifier identifier) {
        return tenant + "/" + identifier;
    }

    synchronized Set<ProfileId> profiles() {
        return Set.copyOf(rootOf.values());
    }

    synchronized ProfileId rootOf(ProfileId node) {
        return rootOf.get(node);
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
    public synchronized CompletionStage<Map<ProfileId, ProfileId>> roots(TenantId tenant, Set<ProfileId> nodes) {
        Map<ProfileId, ProfileId> roots = new HashMap<>();
        nodes.forEach(node -> roots.put(node, rootOf.get(node)));
        return CompletableFuture.completedFuture(roots);
    }

    @Override
    public CompletionStage<List<Identifier>> profileIdentifiers(TenantId tenant, ProfileId root) {
        List<Identifier> held = new ArrayList<>();
        owners.forEach((key, claim) -> {
            if (key.startsWith(tenant + "/") && root.equals(rootOf(claim.owner()))) {
                held.add(identifier(key.substring(tenant.value().length() + 1)));
            }
        });
        return CompletableFuture.completedFuture(held);
    }

    private static Identifier identifier(String text) {
        String[] parts = text.split(" ", 2);
        String[] kind = parts[0].split(":", 2);
        return new Identifier(IdentifierKind.fromStorageName(kind[0]).orElseThrow(), kind.length > 1 ? kind[1] : "",
                parts[1]);
    }

    @Override
    public synchronized CompletionStage<Void> createProfile(TenantId tenant, ProfileId node, Observation observation,
                                                            List<Identifier> recordedOnly) {
        rootOf.put(node, node);
        createdAt.put(node, Instant.ofEpochSecond(clock++));
        attributes.put(node, new HashMap<>(observation.attributes()));
        recorded.put(node, new ArrayList<>(recordedOnly));
        return CompletableFuture.completedFuture(null);
    }

    /** Runs before each claim: a test's way to let another instance win the identifier first. */
    volatile java.util.function.Consumer<Identifier> beforeClaim = identifier -> { };

    @Override
    public CompletionStage<Claim> claim(TenantId tenant, Identifier identifier, ProfileId node, Observation observation,
                                        String evidence) {
        beforeClaim.accept(identifier);
        Claim mine = new Claim(node, observation.sourceSystem(), observation.observedAt(), evidence);
        Claim earlier = owners.putIfAbsent(key(tenant, identifier), mine);
        return CompletableFuture.supplyAsync(() -> earlier == null ? mine : earlier);
    }

    @Override
    public synchronized CompletionStage<Void> attach(TenantId tenant, ProfileId node, Observation observation,
                                                     Map<Identifier, Claim> ownClaims, List<Identifier> recordedOnly) {
        attributes.get(node).putAll(observation.attributes());
        recorded.get(node).addAll(recordedOnly);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> discard(TenantId tenant, ProfileId node) {
        rootOf.remove(node);
        attributes.remove(node);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<MergeResult> merge(TenantId tenant, MergeRequest request) {
        request.links().forEach(pair -> links.add(new ClusterReplay.Link(pair.node(), pair.otherNode())));
        List<ProfileId> before = request.links().stream()
                .flatMap(pair -> java.util.stream.Stream.of(rootOf.get(pair.node()), rootOf.get(pair.otherNode())))
                .distinct().toList();
        List<ClusterReplay.Node> nodes = rootOf.keySet().stream()
                .map(id -> new ClusterReplay.Node(id, createdAt.get(id))).toList();
        ProfileId survivor = null;
        for (ClusterReplay.Cluster cluster : ClusterReplay.clusters(nodes, links)) {
            cluster.members().forEach(member -> rootOf.put(member, cluster.root()));
            if (cluster.members().contains(request.links().get(0).node())) {
                survivor = cluster.root();
            }
        }
        ProfileId profile = survivor;
        return CompletableFuture.completedFuture(new MergeResult(profile,
                before.stream().filter(root -> !root.equals(profile)).toList(), UUID.randomUUID()));
    }

    @Override
    public <T> CompletionStage<T> underLock(TenantId tenant, ProfileId root, java.util.function.Supplier<CompletionStage<T>> work) {
        return work.get();
    }

    @Override
    public <T> CompletionStage<T> underNewProfileLock(TenantId tenant, ProfileId node,
                                                      java.util.function.Supplier<CompletionStage<T>> work) {
        return work.get();
    }

    /** Its locks are never lost: nothing to give back. */
    @Override
    public CompletionStage<Void> giveBack(TenantId tenant, ProfileId node, List<Identifier> claimed, MergePolicy policy) {
        return CompletableFuture.completedFuture(null);
    }

    /** The distinct profiles each value was seen on, until it is marked shared. */
    final Map<String, Set<String>> sightings = new HashMap<>();

    @Override
    public synchronized CompletionStage<Optional<Instant>> sighted(TenantId tenant, Sighting sighting,
                                                                    int sharedAfterProfiles) {
        String key = key(tenant, sighting.identifier());
        Claim claim = owners.get(key);
        if (claim == null || claim.shared()) {
            return CompletableFuture.completedFuture(claim == null ? Optional.empty() : claim.sharedSince());
        }
        Set<String> seen = sightings.computeIfAbsent(key, k -> new HashSet<>());
        seen.add(Sighting.onProfile(sighting.owner()));
        seen.add(sighting.seenOn());
        if (seen.size() < sharedAfterProfiles) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Instant since = Instant.ofEpochSecond(clock++);
        Claim marked = owners.computeIfPresent(key, (k, owner) -> owner.shared() ? owner : new Claim(owner.owner(),
                owner.sourceSystem(), owner.claimedAt(), owner.evidence(), Optional.of(since)));
        return CompletableFuture.completedFuture(marked == null ? Optional.empty() : marked.sharedSince());
    }

    @Override
    public synchronized CompletionStage<UUID> openReview(TenantId tenant, ReviewItem item) {
        reviews.add(item);
        return CompletableFuture.completedFuture(UUID.randomUUID());
    }
}
