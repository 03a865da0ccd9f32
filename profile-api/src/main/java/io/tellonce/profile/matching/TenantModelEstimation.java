package io.tellonce.profile.matching;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.matching.BlockingKeys;
import io.tellonce.matching.Comparisons;
import io.tellonce.matching.MatchRecord;
import io.tellonce.matching.ModelEstimation;
import io.tellonce.profile.app.PreconditionFailed;
import io.tellonce.profile.app.ProfileReader;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.search.ProfileIndex;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * Estimates a tenant's model from a sample of its own profiles, as the matching report estimates one
 * from a labelled set (labels unused): the first profiles in id order (ids are random UUIDs, so they
 * are a random sample), each read from Cassandra as it is now, then {@link ModelEstimation}; the
 * result is stored as a new live or shadow version. Changes no profile.
 */
@Singleton
public final class TenantModelEstimation {
    /** Profile ids fetched from the index per page while sampling. */
    private static final int ID_PAGE = 1_000;
    /** As many random pairs for u as the report uses: enough for rare levels at any sample size here. */
    private static final int RANDOM_PAIRS = 200_000;
    private static final int READS_AT_ONCE = 50;
    /** Fixed, so that estimating twice from the same profiles gives the same model. */
    private static final long SEED = 20_260_601L;

    private final ProfileIndex index;
    private final ProfileReader profiles;
    private final PersonRecords records;
    private final Comparisons comparisons;
    private final BlockingKeys blockingKeys;
    private final MatchModels models;
    private final ExecutorService blocking;

    public TenantModelEstimation(ProfileIndex index, ProfileReader profiles, PersonRecords records,
                                 Comparisons comparisons, BlockingKeys blockingKeys, MatchModels models,
                                 @Named("search") ExecutorService blocking) {
        this.index = index;
        this.profiles = profiles;
        this.records = records;
        this.comparisons = comparisons;
        this.blockingKeys = blockingKeys;
        this.models = models;
        this.blocking = blocking;
    }

    public CompletionStage<Estimated> estimate(TenantId tenant, int sampleSize, boolean shadow, String description) {
        return CompletableFuture.supplyAsync(() -> sample(tenant, sampleSize), blocking)
                .thenCompose(ids -> read(tenant, ids))
                .thenApplyAsync(sampled -> {
                    if (sampled.size() < 2) {
                        throw new PreconditionFailed("the tenant has " + sampled.size()
                                + " profile(s) in the index; a model needs at least two");
                    }
                    try {
                        return new ModelEstimation(comparisons, blockingKeys, FuzzyMatches.CANDIDATE_LIMIT,
                                RANDOM_PAIRS).estimate(sampled, new SplittableRandom(SEED));
                    } catch (IllegalArgumentException nothingToLearn) {
                        throw new PreconditionFailed("cannot estimate a model from the sample: "
                                + nothingToLearn.getMessage());
                    }
                }, blocking)
                .thenCompose(estimate -> models.store(tenant, estimate.model(), shadow, description)
                        .thenApply(version -> new Estimated(version, shadow, estimate)));
    }

    private List<ProfileId> sample(TenantId tenant, int size) {
        List<ProfileId> ids = new ArrayList<>();
        Optional<String> after = Optional.empty();
        try {
            while (ids.size() < size) {
                int wanted = Math.min(ID_PAGE, size - ids.size());
                List<String> page = index.profileIds(tenant.value(), after, wanted);
                page.forEach(id -> ids.add(ProfileId.parse(id)));
                if (page.size() < wanted) {
                    break;
                }
                after = Optional.of(page.get(page.size() - 1));
            }
        } catch (IOException e) {
            throw new CompletionException(e);
        }
        return ids;
    }

    /**
     * Each sampled profile as Cassandra holds it, {@link #READS_AT_ONCE} at a time (an estimate is
     * background work: it must not crowd out live calls); absorbed ones are left out, their current
     * profile is in the sample under its own id or not at all.
     */
    private CompletionStage<List<MatchRecord>> read(TenantId tenant, List<ProfileId> ids) {
        CompletionStage<List<MatchRecord>> all = CompletableFuture.completedFuture(new ArrayList<>());
        for (int from = 0; from < ids.size(); from += READS_AT_ONCE) {
            List<ProfileId> batch = ids.subList(from, Math.min(ids.size(), from + READS_AT_ONCE));
            all = all.thenCompose(sampled -> {
                List<CompletableFuture<Optional<ProfileView>>> reads = batch.stream()
                        .map(id -> profiles.profile(tenant, id).toCompletableFuture()).toList();
                return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
                    for (int i = 0; i < batch.size(); i++) {
                        ProfileId id = batch.get(i);
                        reads.get(i).join().filter(view -> view.profileId().equals(id))
                                .ifPresent(view -> sampled.add(records.record(view)));
                    }
                    return sampled;
                });
            });
        }
        return all;
    }

    /** The stored model's version, whether it is the shadow, and the model with what it was estimated from. */
    public record Estimated(int version, boolean shadow, ModelEstimation.Estimate estimate) {
    }
}
