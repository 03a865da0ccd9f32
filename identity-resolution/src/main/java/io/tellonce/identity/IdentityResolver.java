package io.tellonce.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Finds the profile an observation belongs to, creates it, or merges the profiles it connects when
 * the tenant's {@link MergePolicy} allows; otherwise opens a review item and merges nothing.
 *
 * <p>Correct under concurrency without a global lock: a new node claims its identifiers one by one
 * in {@link Identifier#PRIORITY_ORDER}, so two resolvers racing for the same new identifiers contend
 * on the same first claim and exactly one wins; the loser discards its unseen node and resolves
 * again. Merges lock the profiles they join and fail with {@link ClusterChangedException} when one
 * changed meanwhile; the resolver then plans again from fresh reads. A lock that expired under its
 * holder ({@link ProfileLockLost}) fails the call instead.
 */
public final class IdentityResolver {
    private static final int ATTEMPTS = 8;

    private final IdentityGraph graph;
    private final Supplier<ProfileId> newNodeIds;
    private final Function<TenantId, MergePolicy> policies;

    public IdentityResolver(IdentityGraph graph, Supplier<ProfileId> newNodeIds,
                            Function<TenantId, MergePolicy> policies) {
        this.graph = graph;
        this.newNodeIds = newNodeIds;
        this.policies = policies;
    }

    public CompletionStage<Resolution> resolve(TenantId tenant, Observation observation) {
        MergePolicy policy = policies.apply(tenant);
        List<Identifier> ordered = observation.identifiers().stream().distinct().sorted(Identifier.PRIORITY_ORDER).toList();
        List<Identifier> linkable = ordered.stream().filter(policy::links).toList();
        if (linkable.isEmpty()) {
            return CompletableFuture.failedFuture(unidentifiable(ordered, List.of()));
        }
        return graph.claims(tenant, linkable).thenCompose(claims -> {
            // A value marked shared is read with its claim: it is kept like a never-link value.
            List<Identifier> shared = linkable.stream().filter(id -> claims.containsKey(id) && claims.get(id).shared())
                    .toList();
            List<String> remarks = shared.stream().map(id -> sharedRemark(id, policy)).toList();
            List<Identifier> linking = linkable.stream().filter(id -> !shared.contains(id)).toList();
            if (linking.isEmpty()) {
                return CompletableFuture.<Resolution>failedFuture(unidentifiable(ordered, remarks));
            }
            Map<Identifier, Claim> live = new HashMap<>(claims);
            live.keySet().removeAll(shared);
            Map<Identifier, Claim> sharedClaims = new HashMap<>(claims);
            sharedClaims.keySet().retainAll(shared);
            Attempt attempt = new Attempt(tenant, observation, policy, ordered, linking,
                    ordered.stream().filter(id -> !linking.contains(id)).toList(), sharedClaims);
            return attempt.first(live).thenApply(resolution -> resolution.remarked(remarks));
        });
    }

    private static UnidentifiableObservation unidentifiable(List<Identifier> ordered, List<String> remarks) {
        return new UnidentifiableObservation("every identifier is a placeholder or shared value that never identifies"
                + " a person: " + describe(ordered) + remarks.stream().map(remark -> "; " + remark)
                .collect(Collectors.joining()));
    }

    private static String sharedRemark(Identifier id, MergePolicy policy) {
        return id + " is shared by at least " + policy.sharedAfterProfiles() + " profiles and links no one";
    }

    /** One observation's resolution, retried from fresh reads when the graph moved underneath it. */
    private final class Attempt {
        private final TenantId tenant;
        private final Observation observation;
        private final MergePolicy policy;
        private final List<Identifier> ordered;
        private final List<Identifier> linkable;
        private final List<Identifier> recordedOnly;
        private final Map<Identifier, Claim> sharedClaims;

        Attempt(TenantId tenant, Observation observation, MergePolicy policy, List<Identifier> ordered,
                List<Identifier> linkable, List<Identifier> recordedOnly, Map<Identifier, Claim> sharedClaims) {
            this.sharedClaims = Map.copyOf(sharedClaims);
            this.tenant = tenant;
            this.observation = observation;
            this.policy = policy;
            this.ordered = ordered;
            this.linkable = linkable;
            this.recordedOnly = recordedOnly;
        }

        /** The first attempt, with the claims already read to find shared values. */
        CompletionStage<Resolution> first(Map<Identifier, Claim> claims) {
            return retried(resolveWith(claims, ATTEMPTS), ATTEMPTS);
        }

        CompletionStage<Resolution> run(int attemptsLeft) {
            if (attemptsLeft == 0) {
                return CompletableFuture.failedFuture(new ConcurrentResolutionException(
                        "the profiles of these identifiers kept changing during resolution; retry the request"));
            }
            return retried(graph.claims(tenant, linkable)
                    .thenCompose(claims -> resolveWith(claims, attemptsLeft)), attemptsLeft);
        }

        private CompletionStage<Resolution> resolveWith(Map<Identifier, Claim> claims, int attemptsLeft) {
            if (onlyWeakKnown(claims)) {
                // Weak values known elsewhere (a shop's tablet) went along with a new person.
                return claims.isEmpty() ? create(attemptsLeft) : create(attemptsLeft).thenCompose(created -> graph
                        .roots(tenant, claims.values().stream().map(Claim::owner).collect(Collectors.toSet()))
                        .thenCompose(roots -> sighted(created, claims, roots, Set.of(created.profileId()), List.of())));
            }
            return graph.roots(tenant, claims.values().stream().map(Claim::owner).collect(Collectors.toSet()))
                            .thenCompose(roots -> decide(claims, roots));
        }

        /** Plans again from fresh reads when the graph moved underneath this attempt. */
        private CompletionStage<Resolution> retried(CompletionStage<Resolution> resolved, int attemptsLeft) {
            return resolved.handle((resolution, failure) -> {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        // A policy refusal under lock means the profiles changed since planning: plan
                        // again, which now finds the conflict.
                        if (cause instanceof ClusterChangedException || cause instanceof MergeRefused) {
                            return run(attemptsLeft - 1);
                        }
                        return failure == null ? CompletableFuture.completedFuture(resolution)
                                : CompletableFuture.<Resolution>failedFuture(cause);
                    })
                    .thenCompose(next -> next);
        }

        /**
         * Whether nothing known may decide the profile: no identifier is known, or only weak ones while
         * the observation has strong ones of its own (a shared tablet must not pull a new person's
         * phone number into someone else's profile).
         */
        private boolean onlyWeakKnown(Map<Identifier, Claim> claims) {
            boolean strongKnown = claims.keySet().stream().anyMatch(id -> !policy.weak(id));
            boolean strongSeen = linkable.stream().anyMatch(id -> !policy.weak(id));
            return claims.isEmpty() || (!strongKnown && strongSeen);
        }

        private CompletionStage<Resolution> create(int attemptsLeft) {
            ProfileId candidate = newNodeIds.get();
            // The new node is locked before its first claim makes it findable, so that nobody adds
            // identifiers to it while it claims its own.
            return graph.createProfile(tenant, candidate, observation, recordedOnly)
                    .thenCompose(created -> givenBackIfLockLost(candidate, linkable, graph.underNewProfileLock(tenant,
                            candidate, () -> graph.claim(tenant, linkable.get(0), candidate, observation, firstSeen())
                                    .thenCompose(claim -> {
                                        if (!claim.owner().equals(candidate)) {
                                            return CompletableFuture.completedFuture(Optional.<List<Identifier>>empty());
                                        }
                                        List<Identifier> owned = new ArrayList<>(List.of(linkable.get(0)));
                                        return claimWithinPolicy(linkable.subList(1, linkable.size()), candidate, owned,
                                                firstSeen()).thenApply(Optional::of);
                                    }))))
                    .thenCompose(left -> left.isPresent() ? created(candidate, left.get())
                            : graph.discard(tenant, candidate).thenCompose(discarded -> run(attemptsLeft - 1)));
        }

        /** A new profile; identifiers the policy kept off it (two CRM ids in one observation) go to review. */
        private CompletionStage<Resolution> created(ProfileId node, List<Identifier> left) {
            String explanation = "created a new profile: no identifier was known";
            if (left.isEmpty()) {
                return CompletableFuture.completedFuture(Resolution.of(node, ResolveOutcome.CREATED, ordered, explanation));
            }
            return conflict(node, List.of(), explanation, "not claimed: " + describe(left)
                    + " would break the merge policy", evidence(node, Map.of()));
        }

        private CompletionStage<Resolution> decide(Map<Identifier, Claim> claims, Map<ProfileId, ProfileId> roots) {
            List<Identifier> owned = linkable.stream().filter(claims::containsKey).toList();
            List<Identifier> strong = owned.stream().filter(id -> !policy.weak(id)).toList();
            Identifier strongest = strong.isEmpty() ? owned.get(0) : strong.get(0);
            ProfileId targetNode = claims.get(strongest).owner();
            ProfileId target = roots.get(targetNode);
            // The first (strongest) identifier through which each other profile is reached: weak
            // identifiers never merge two profiles on their own.
            Map<ProfileId, Identifier> others = new LinkedHashMap<>();
            for (Identifier id : strong) {
                ProfileId root = roots.get(claims.get(id).owner());
                if (!root.equals(target)) {
                    others.putIfAbsent(root, id);
                }
            }
            List<Identifier> unowned = linkable.stream().filter(id -> !claims.containsKey(id)).toList();
            if (others.isEmpty()) {
                return match(target, targetNode, strongest, claims, roots, unowned);
            }
            return mergeOrConflict(target, targetNode, strongest, others, claims, roots, unowned);
        }

        private CompletionStage<Resolution> match(ProfileId target, ProfileId targetNode, Identifier strongest,
                                                  Map<Identifier, Claim> claims, Map<ProfileId, ProfileId> roots,
                                                  List<Identifier> unowned) {
            CompletionStage<List<Identifier>> claimed = unowned.isEmpty()
                    ? CompletableFuture.completedFuture(List.of())
                    : claimUnderLock(target, targetNode, unowned, strongest);
            return claimed.thenCompose(left -> attach(targetNode, claims).thenCompose(attached -> {
                        String explanation = "matched on " + strongest;
                        if (left.isEmpty()) {
                            return CompletableFuture.completedFuture(
                                    Resolution.of(target, ResolveOutcome.MATCHED, ordered, explanation));
                        }
                        return conflict(target, List.of(), explanation, "not claimed: " + describe(left)
                                + " would break the merge policy", evidence(target, Map.of()));
                    }).thenCompose(resolution -> sighted(resolution, claims, roots, Set.of(target), left)));
        }

        private CompletionStage<Resolution> mergeOrConflict(ProfileId target, ProfileId targetNode, Identifier strongest,
                                                            Map<ProfileId, Identifier> others,
                                                            Map<Identifier, Claim> claims,
                                                            Map<ProfileId, ProfileId> roots, List<Identifier> unowned) {
            List<ProfileId> involved = new ArrayList<>(List.of(target));
            involved.addAll(others.keySet());
            List<CompletableFuture<List<Identifier>>> reads = involved.stream()
                    .map(root -> graph.profileIdentifiers(tenant, root).toCompletableFuture()).toList();
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenCompose(done -> {
                List<Identifier> combined = new ArrayList<>(unowned);
                reads.forEach(read -> combined.addAll(read.join()));
                Optional<String> violation = policy.violation(combined);
                if (violation.isPresent()) {
                    return claimUnderLock(target, targetNode, unowned, strongest)
                            .thenCompose(left -> attach(targetNode, claims)
                                    .thenCompose(attached -> conflict(target, List.copyOf(others.keySet()),
                                            "matched on " + strongest, "not merged with " + describeProfiles(others)
                                                    + ": " + violation.get(), evidence(target, others)))
                                    .thenCompose(resolution -> sighted(resolution, claims, roots, Set.of(target), left)));
                }
                List<MergeRequest.NodePair> links = others.entrySet().stream()
                        .map(e -> new MergeRequest.NodePair(targetNode, claims.get(e.getValue()).owner(),
                                observation.sourceSystem() + " saw " + strongest + " and " + e.getValue()
                                        + " together at " + observation.observedAt()))
                        .toList();
                return graph.merge(tenant, new MergeRequest(links, "shared identifier", observation.sourceSystem(),
                                "observation", observation.observedAt(), policy))
                        .thenCompose(merged -> claimUnderLock(merged.profile(), targetNode, unowned, strongest)
                                .thenCompose(left -> attach(targetNode, claims)
                                        .thenApply(attached -> new Resolution(merged.profile(), ResolveOutcome.MERGED,
                                                ordered, "merged " + describeIds(merged.absorbed()) + " into "
                                                + merged.profile() + ": " + links.stream()
                                                .map(MergeRequest.NodePair::evidence).collect(Collectors.joining("; ")),
                                                merged.absorbed(), Optional.of(merged.mergeId()), Optional.empty()))
                                        .thenCompose(resolution -> sighted(resolution, claims, roots,
                                                joined(target, others), left))));
            });
        }

        private Set<ProfileId> joined(ProfileId target, Map<ProfileId, Identifier> others) {
            Set<ProfileId> joined = new HashSet<>(others.keySet());
            joined.add(target);
            return joined;
        }

        /**
         * Counts the matched values that this outcome saw on a profile other than their owner's, and
         * says so in the explanation when that made one of them shared.
         */
        private CompletionStage<Resolution> sighted(Resolution resolution, Map<Identifier, Claim> claims,
                                                    Map<ProfileId, ProfileId> roots, Set<ProfileId> joined,
                                                    List<Identifier> refused) {
            if (!policy.detectsSharedValues()) {
                return CompletableFuture.completedFuture(resolution);
            }
            List<Sighting> sightings = new SharedValueEvidence(policy)
                    .sightings(claims, roots, resolution.profileId(), joined, refused);
            List<CompletableFuture<Optional<Instant>>> counted = sightings.stream()
                    .map(sighting -> graph.sighted(tenant, sighting, policy.sharedAfterProfiles()).toCompletableFuture())
                    .toList();
            return CompletableFuture.allOf(counted.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<String> remarks = new ArrayList<>();
                for (int i = 0; i < sightings.size(); i++) {
                    if (counted.get(i).join().isPresent()) {
                        remarks.add(sharedRemark(sightings.get(i).identifier(), policy) + " from now on");
                    }
                }
                return resolution.remarked(remarks);
            });
        }

        private CompletionStage<Resolution> conflict(ProfileId target, List<ProfileId> others, String matched,
                                                     String why, String evidence) {
            List<ProfileId> profiles = new ArrayList<>(List.of(target));
            profiles.addAll(others);
            return graph.openReview(tenant, new ReviewItem(profiles, why, evidence, observation.sourceSystem(),
                            observation.observedAt()))
                    .thenApply(item -> new Resolution(target, ResolveOutcome.CONFLICT, ordered,
                            matched + "; " + why + "; review item " + item, List.of(), Optional.empty(),
                            Optional.of(item)));
        }

        /** Claims new identifiers for a node of an existing profile, checked against the profile under its lock. */
        private CompletionStage<List<Identifier>> claimUnderLock(ProfileId root, ProfileId node, List<Identifier> unowned,
                                                                 Identifier seenWith) {
            if (unowned.isEmpty()) {
                return CompletableFuture.completedFuture(List.of());
            }
            return givenBackIfLockLost(node, unowned, graph.underLock(tenant, root, () -> graph.profileIdentifiers(
                    tenant, root).thenCompose(held -> claimWithinPolicy(unowned, node, new ArrayList<>(held),
                    seenWith(seenWith)))));
        }

        /**
         * Fails with the loss when the lock expired under the work, after giving back what the work may
         * have claimed behind another caller's check of the profile (ADR 21). Not planned again here: a
         * caller that waited out a whole lock lifetime has likely given up, and may retry.
         */
        private <T> CompletionStage<T> givenBackIfLockLost(ProfileId node, List<Identifier> attempted,
                                                           CompletionStage<T> locked) {
            return locked.handle((value, failure) -> {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof ProfileLockLost lost) {
                    return graph.giveBack(tenant, node, attempted, policy).<T>thenApply(given -> {
                        throw lost;
                    });
                }
                return failure == null ? CompletableFuture.completedFuture(value)
                        : CompletableFuture.<T>failedFuture(cause);
            }).thenCompose(next -> next);
        }

        private CompletionStage<Void> attach(ProfileId node, Map<Identifier, Claim> claims) {
            Map<Identifier, Claim> own = claims.entrySet().stream()
                    .filter(e -> e.getValue().owner().equals(node))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            // The owner of a shared value keeps listing it as its claim: recording it there would hide that.
            List<Identifier> recorded = recordedOnly.stream().filter(id -> !sharedClaims.containsKey(id)
                    || !sharedClaims.get(id).owner().equals(node)).toList();
            return graph.attach(tenant, node, observation, own, recorded);
        }

        /**
         * Claims each identifier for the node while the profile stays within the policy's limits.
         *
         * @param held the profile's identifiers so far; grows with each claim won
         * @return the identifiers left unclaimed because they would break a limit
         * @throws ClusterChangedException (in the stage) when another profile claimed a strong one first
         */
        private CompletionStage<List<Identifier>> claimWithinPolicy(List<Identifier> identifiers, ProfileId node,
                                                                    List<Identifier> held, String evidence) {
            List<Identifier> fitting = new ArrayList<>();
            List<Identifier> left = new ArrayList<>();
            for (Identifier id : identifiers) {
                List<Identifier> with = new ArrayList<>(held);
                with.add(id);
                if (policy.violation(with).isEmpty()) {
                    held.add(id);
                    fitting.add(id);
                } else {
                    left.add(id);
                }
            }
            List<CompletableFuture<Claim>> claims = fitting.stream()
                    .map(id -> graph.claim(tenant, id, node, observation, evidence).toCompletableFuture()).toList();
            return CompletableFuture.allOf(claims.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<Identifier> lost = new ArrayList<>();
                for (int i = 0; i < fitting.size(); i++) {
                    // A weak identifier (a shared tablet) owned elsewhere links nobody: nothing to redo.
                    if (!claims.get(i).join().owner().equals(node) && !policy.weak(fitting.get(i))) {
                        lost.add(fitting.get(i));
                    }
                }
                if (!lost.isEmpty()) {
                    // A concurrent observation claimed it first: its profile and this one are the same
                    // person, so plan again from fresh reads, which now finds both and merges them.
                    throw new ClusterChangedException(describe(lost) + " was claimed by another profile meanwhile");
                }
                return left;
            });
        }

        private String firstSeen() {
            return "first seen by " + observation.sourceSystem() + " at " + observation.observedAt();
        }

        private String seenWith(Identifier known) {
            return observation.sourceSystem() + " saw it with " + known + " at " + observation.observedAt();
        }

        private String evidence(ProfileId target, Map<ProfileId, Identifier> others) {
            return observation.sourceSystem() + " at " + observation.observedAt() + " saw " + describe(ordered)
                    + (others.isEmpty() ? " for profile " + target : " (profile " + target + " and "
                    + describeProfiles(others) + ")");
        }
    }

    private static String describe(List<Identifier> identifiers) {
        return identifiers.stream().map(Identifier::toString).collect(Collectors.joining(", "));
    }

    private static String describeIds(List<ProfileId> ids) {
        return ids.stream().map(ProfileId::toString).collect(Collectors.joining(", "));
    }

    private static String describeProfiles(Map<ProfileId, Identifier> others) {
        return others.entrySet().stream().map(e -> "profile " + e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }
}
