package io.tellonce.profile.app;

import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.IdentifierNormaliser;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.search.ProfileHit;
import io.tellonce.search.ProfileIndex;
import io.tellonce.search.ProfileSearch;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * Profile search: Elasticsearch finds, Cassandra answers. Each hit is read back from Cassandra, so a
 * hit shows the profile as it is now; a hit on a profile absorbed by a merge the index has not
 * caught up with yet shows its current profile once, and a hit on a profile that is gone is dropped.
 */
@Singleton
public final class ProfileSearches {
    private final ProfileIndex index;
    private final ProfileReader profiles;
    private final IdentifierNormaliser normaliser;
    private final ExecutorService blocking;

    public ProfileSearches(ProfileIndex index, ProfileReader profiles, IdentifierNormaliser normaliser,
                           @Named("search") ExecutorService blocking) {
        this.index = index;
        this.profiles = profiles;
        this.normaliser = normaliser;
        this.blocking = blocking;
    }

    public CompletionStage<Found> search(TenantId tenant, String text, ProfileSearch.Filters filters, int from,
                                         int size) {
        ProfileSearch search = new ProfileSearch(tenant.value(), text, asPhone(text), filters, from, size);
        return CompletableFuture.supplyAsync(() -> query(search), blocking)
                .thenCompose(page -> readBack(tenant, page));
    }

    /** The text as a phone number in the tenant's region, when it reads as one. */
    private Optional<String> asPhone(String text) {
        if (text.isBlank() || text.chars().noneMatch(Character::isDigit) || text.chars().anyMatch(Character::isLetter)) {
            return Optional.empty();
        }
        try {
            return Optional.of(normaliser.normalise(IdentifierKind.PHONE, "", text).value());
        } catch (RuntimeException notAPhone) {
            return Optional.empty();
        }
    }

    private ProfileIndex.Page query(ProfileSearch search) {
        return IndexCall.answer(() -> index.search(search));
    }

    private CompletionStage<Found> readBack(TenantId tenant, ProfileIndex.Page page) {
        List<CompletableFuture<Optional<ProfileView>>> reads = page.hits().stream()
                .map(hit -> profiles.profile(tenant, ProfileId.parse(hit.profileId())).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Match> matches = new ArrayList<>();
            Set<ProfileId> shown = new HashSet<>();
            for (int i = 0; i < reads.size(); i++) {
                Optional<ProfileView> view = reads.get(i).join();
                if (view.isPresent() && shown.add(view.get().profileId())) {
                    matches.add(new Match(view.get(), page.hits().get(i)));
                }
            }
            return new Found(matches, page.total());
        });
    }

    /** One page of matches and how many there are in all, as the index counts them. */
    public record Found(List<Match> matches, long total) {
        public Found {
            matches = List.copyOf(matches);
        }
    }

    public record Match(ProfileView profile, ProfileHit hit) {
    }
}
