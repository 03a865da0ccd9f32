package io.tellonce.profile.grpc;

import io.tellonce.identity.Identifier;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.proto.v1.FindMatchesRequest;
import io.tellonce.proto.v1.MatchObservation;
import io.tellonce.proto.v1.ProfileLookup;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks a FindMatchesRequest completely, naming every offending field, before anything is read. */
@Singleton
final class FindMatchesRequestReader {
    static final int DEFAULT_RESULTS = 10;
    static final int MAX_RESULTS = 100;
    static final double DEFAULT_MIN_PROBABILITY = 0.5;

    private final IdentifierMessages identifiers;
    private final ProfileLookups lookups;
    private final Clock clock;

    FindMatchesRequestReader(IdentifierMessages identifiers, ProfileLookups lookups, Clock clock) {
        this.identifiers = identifiers;
        this.lookups = lookups;
        this.clock = clock;
    }

    /** Exactly one of observation and profile is present. */
    record Read(Optional<Observed> observation, Optional<ProfileLookup> profile, int maxResults,
                double minProbability) {
    }

    record Observed(Map<String, String> attributes, List<Identifier> identifiers) {
    }

    Read read(FindMatchesRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        Optional<Observed> observation = Optional.empty();
        Optional<ProfileLookup> profile = Optional.empty();
        switch (request.getSubjectCase()) {
            case OBSERVATION -> observation = Optional.of(observed(request.getObservation(), problems));
            case PROFILE -> {
                lookups.read(request.getProfile(), "profile", problems);
                profile = Optional.of(request.getProfile());
            }
            case SUBJECT_NOT_SET -> problems.add(new FieldViolation("observation",
                    "must name an observation or a profile to find matches for"));
        }
        int maxResults = request.getMaxResults();
        if (maxResults < 0 || maxResults > MAX_RESULTS) {
            problems.add(new FieldViolation("max_results", "must be between 1 and " + MAX_RESULTS + " (0 for "
                    + DEFAULT_RESULTS + ")"));
        }
        double minProbability = request.hasMinProbability() ? request.getMinProbability() : DEFAULT_MIN_PROBABILITY;
        if (!(minProbability >= 0 && minProbability <= 1)) {
            problems.add(new FieldViolation("min_probability", "must be between 0 and 1"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return new Read(observation, profile, maxResults == 0 ? DEFAULT_RESULTS : maxResults, minProbability);
    }

    private Observed observed(MatchObservation observation, List<FieldViolation> problems) {
        List<Identifier> seen = new ArrayList<>();
        for (int i = 0; i < observation.getIdentifiersCount(); i++) {
            identifiers.read(observation.getIdentifiers(i), "observation.identifiers[" + i + "]", problems)
                    .ifPresent(seen::add);
        }
        Map<String, String> attributes = AttributeCodec.read(observation.getAttributes(), "observation.attributes",
                clock.instant(), problems);
        if (attributes.isEmpty() && observation.getIdentifiersCount() == 0) {
            problems.add(new FieldViolation("observation", "must carry at least one attribute or identifier"));
        }
        return new Observed(attributes, seen);
    }
}
