package io.tellonce.profile.matching;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.matching.CandidateSource;
import io.tellonce.matching.MatchRecord;
import io.tellonce.profile.app.ProfileReader;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.search.CandidateQuery;
import io.tellonce.search.ProfileIndex;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Candidates from the stores: the profile index finds the tenant's profiles sharing the most
 * blocking keys with the probe (the index only finds), and each is read back from Cassandra (the
 * truth) and prepared for scoring as it is now. A hit on a profile absorbed by a merge the index has
 * not caught up with becomes its current profile, once; a hit on a profile that is gone is dropped.
 * Blocking: call from a thread that may wait.
 */
@Singleton
public final class ProfileCandidates {
    private final ProfileIndex index;
    private final ProfileReader profiles;
    private final PersonRecords records;

    public ProfileCandidates(ProfileIndex index, ProfileReader profiles, PersonRecords records) {
        this.index = index;
        this.profiles = profiles;
        this.records = records;
    }

    /** A candidate source for one request: it remembers the profiles it read, for the answer. */
    public Lookup lookup(TenantId tenant, Optional<ProfileId> self) {
        return new Lookup(tenant, self);
    }

    public final class Lookup implements CandidateSource {
        private final TenantId tenant;
        private final Optional<ProfileId> self;
        private final Map<String, ProfileView> read = new LinkedHashMap<>();

        private Lookup(TenantId tenant, Optional<ProfileId> self) {
            this.tenant = tenant;
            this.self = self;
        }

        @Override
        public List<MatchRecord> candidates(MatchRecord probe, int limit) {
            List<String> keys = records.keys(probe);
            if (keys.isEmpty()) {
                return List.of();
            }
            List<String> ids = search(new CandidateQuery(tenant.value(), keys, self.map(ProfileId::toString), limit));
            List<CompletableFuture<Optional<ProfileView>>> reads = ids.stream()
                    .map(id -> profiles.profile(tenant, ProfileId.parse(id)).toCompletableFuture()).toList();
            List<MatchRecord> candidates = new ArrayList<>();
            for (CompletableFuture<Optional<ProfileView>> pending : reads) {
                pending.join().ifPresent(view -> {
                    String current = view.profileId().toString();
                    boolean isSelf = self.isPresent() && self.get().equals(view.profileId());
                    if (!isSelf && read.putIfAbsent(current, view) == null) {
                        candidates.add(records.record(view));
                    }
                });
            }
            return candidates;
        }

        /** The profile a candidate record was made from. */
        public ProfileView view(MatchRecord candidate) {
            return read.get(candidate.id());
        }

        private List<String> search(CandidateQuery query) {
            try {
                return index.candidates(query);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }
    }
}
