package io.tellonce.profile.matching;

import io.tellonce.identity.IdentityGraph;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.ReviewItem;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.ProfileReader;
import io.tellonce.search.ProfileIndex;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * The batch duplicate scan: walks a page of the tenant's profiles (ids from the index, in id order;
 * each profile read from Cassandra) and matches each against the others through {@link FuzzyMatches}.
 * A pair at or above the review threshold opens a review item; a scan never merges, whatever the
 * auto-merge setting, because no one is waiting on it and a reviewer can be. A dry run writes
 * nothing. With a shadow policy or a shadow model each pair carries the shadow's decision too, and
 * the pairs only the shadow would suggest are listed with a live decision of NONE (shadow mode, ADR 19);
 * the shadow never opens an item.
 */
@Singleton
public final class DuplicateScan {
    static final String SOURCE = "duplicate scan";
    /** Matches looked at per profile: a profile with more probable duplicates than this is rare. */
    static final int MATCHES_PER_PROFILE = 20;

    private final FuzzyMatches matches;
    private final MatchPolicies policies;
    private final PersonRecords records;
    private final ProfileReader profiles;
    private final ProfileIndex index;
    private final IdentityGraph graph;
    private final ExecutorService blocking;
    private final Clock clock;

    public DuplicateScan(FuzzyMatches matches, MatchPolicies policies, PersonRecords records, ProfileReader profiles,
                         ProfileIndex index, IdentityGraph graph, @Named("search") ExecutorService blocking,
                         Clock clock) {
        this.matches = matches;
        this.policies = policies;
        this.records = records;
        this.profiles = profiles;
        this.index = index;
        this.graph = graph;
        this.blocking = blocking;
        this.clock = clock;
    }

    public CompletionStage<Page> scan(TenantId tenant, Optional<ProfileId> after, int pageSize, boolean dryRun) {
        return CompletableFuture.supplyAsync(() -> ids(tenant, after, pageSize), blocking).thenCompose(ids -> {
            // One profile after the other: a scan is background work and must not crowd out live calls.
            CompletionStage<Scanned> all = CompletableFuture.completedFuture(new Scanned(List.of(), Optional.empty()));
            for (ProfileId id : ids) {
                all = all.thenCompose(sofar -> pairsOf(tenant, id, dryRun).thenApply(sofar::and));
            }
            Optional<ProfileId> next = ids.size() < pageSize ? Optional.empty() : Optional.of(ids.get(ids.size() - 1));
            return all.thenApply(scanned -> new Page(scanned.pairs(), next, ids.size(), scanned.shadowModel()));
        });
    }

    private CompletionStage<Scanned> pairsOf(TenantId tenant, ProfileId id, boolean dryRun) {
        MatchPolicy live = policies.apply(tenant);
        double floor = Math.min(live.reviewThreshold(),
                policies.shadow(tenant).map(MatchPolicy::reviewThreshold).orElse(1.0));
        return profiles.profile(tenant, id).thenCompose(view -> {
            if (view.isEmpty() || !view.get().profileId().equals(id)) {
                // Absorbed by a merge (its current profile is scanned under its own id) or gone.
                return CompletableFuture.completedFuture(new Scanned(List.of(), Optional.empty()));
            }
            // shadowCounts: a pair only the shadow model puts at or above the floor is listed (live NONE, nothing written).
            return matches.find(tenant, records.record(view.get()), Optional.of(id), MATCHES_PER_PROFILE, floor, true)
                    .thenCompose(found -> {
                        List<CompletableFuture<Pair>> pairs = found.matches().stream()
                                // Each pair once: from the profile with the smaller id.
                                .filter(match -> id.toString().compareTo(match.profile().profileId().toString()) < 0)
                                .map(match -> pair(tenant, id, match, dryRun).toCompletableFuture())
                                .toList();
                        return CompletableFuture.allOf(pairs.toArray(CompletableFuture[]::new))
                                .thenApply(done -> new Scanned(pairs.stream().map(CompletableFuture::join).toList(),
                                        found.shadowModel()));
                    });
        });
    }

    private CompletionStage<Pair> pair(TenantId tenant, ProfileId id, FuzzyMatches.Match match, boolean dryRun) {
        ProfileId other = match.profile().profileId();
        String evidence = EvidenceText.of(match.evidence());
        Pair pair = new Pair(id, other, match, evidence, Optional.empty());
        // Only the live decision writes: the shadow's is reported, never acted on.
        if (dryRun || match.decision() == MatchPolicy.Decision.NONE) {
            return CompletableFuture.completedFuture(pair);
        }
        return graph.openReview(tenant, new ReviewItem(List.of(id, other),
                        "probably the same person (duplicate scan, fuzzy match at or above the review threshold)",
                        "fuzzy match of " + id + " with " + other + ": " + evidence, SOURCE, clock.instant()))
                .thenApply(item -> new Pair(id, other, match, evidence, Optional.of(item)));
    }

    private List<ProfileId> ids(TenantId tenant, Optional<ProfileId> after, int pageSize) {
        try {
            return index.profileIds(tenant.value(), after.map(ProfileId::toString), pageSize).stream()
                    .map(ProfileId::parse).toList();
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    /** @param match the other profile's match: live evidence and decision, and the shadow's */
    public record Pair(ProfileId profile, ProfileId other, FuzzyMatches.Match match, String evidenceText,
                       Optional<UUID> reviewItem) {
    }

    /**
     * @param next        the last profile of this page, to continue after; empty when the scan is complete
     * @param shadowModel the shadow model's name, during a shadow run
     */
    public record Page(List<Pair> pairs, Optional<ProfileId> next, int scanned, Optional<String> shadowModel) {
        public Page {
            pairs = List.copyOf(pairs);
        }
    }

    /** What the scan found so far. */
    private record Scanned(List<Pair> pairs, Optional<String> shadowModel) {
        Scanned and(Scanned more) {
            List<Pair> all = new ArrayList<>(pairs);
            all.addAll(more.pairs());
            return new Scanned(all, more.shadowModel().or(() -> shadowModel));
        }
    }
}
