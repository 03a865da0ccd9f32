package io.tellonce.profile.matching;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.matching.CandidateSource;
import io.tellonce.matching.MatchRecord;
import io.tellonce.profile.app.ProfileReader;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.search.CandidateHit;
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
 * Candidates from the stores, in two steps. First the profile index finds the tenant's profiles
 * sharing the most blocking keys with the probe and hands back the fields each is scored on, so
 * that a hundred candidates cost one search and no Cassandra read. Then only the few worth
 * answering are read back from Cassandra (the truth) and scored again as they are now: the index
 * may lag behind a change, an answer never does. A hit on a profile absorbed by a merge the index
 * has not caught up with becomes its current profile, once; a hit on a profile that is gone is
 * dropped; a hit from an index written before it kept the fields (profile index version 3) is read
 * back at once. Blocking: call from a thread that may wait.
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

        /** The candidates as the index knows them (read from Cassandra only where it keeps no fields). */
        @Override
        public List<MatchRecord> candidates(MatchRecord probe, int limit) {
            List<String> keys = records.keys(probe);
            if (keys.isEmpty()) {
                return List.of();
            }
            List<CandidateHit> hits = search(new CandidateQuery(tenant.value(), keys, self.map(ProfileId::toString), limit));
            List<MatchRecord> candidates = new ArrayList<>();
            List<String> unscored = new ArrayList<>();
            for (CandidateHit hit : hits) {
                hit.matchRecord().ifPresentOrElse(stored -> candidates.add(records.record(hit.profileId(), stored)),
                        () -> unscored.add(hit.profileId()));
            }
            candidates.addAll(currentRecords(unscored));
            return candidates;
        }

        /**
         * The chosen candidates as Cassandra holds them now, under their current ids, each once and
         * never the probe's own profile; a candidate that is gone is left out.
         */
        public List<MatchRecord> readBack(List<MatchRecord> chosen) {
            return currentRecords(chosen.stream().map(MatchRecord::id).toList());
        }

        /** The profile a record returned by {@link #readBack} was made from. */
        public ProfileView view(MatchRecord candidate) {
            return read.get(candidate.id());
        }

        private List<MatchRecord> currentRecords(List<String> ids) {
            List<CompletableFuture<Optional<ProfileView>>> reads = ids.stream()
                    .map(id -> read.containsKey(id) ? CompletableFuture.completedFuture(Optional.of(read.get(id)))
                            : profiles.profile(tenant, ProfileId.parse(id)).toCompletableFuture())
                    .toList();
            Map<String, MatchRecord> current = new LinkedHashMap<>();
            for (CompletableFuture<Optional<ProfileView>> pending : reads) {
                pending.join().ifPresent(view -> {
                    String id = view.profileId().toString();
                    boolean isSelf = self.isPresent() && self.get().equals(view.profileId());
                    if (!isSelf && !current.containsKey(id)) {
                        read.putIfAbsent(id, view);
                        current.put(id, records.record(view));
                    }
                });
            }
            return List.copyOf(current.values());
        }

        private List<CandidateHit> search(CandidateQuery query) {
            try {
                return index.candidates(query);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }
    }
}
