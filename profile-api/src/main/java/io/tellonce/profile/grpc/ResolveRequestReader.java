package io.tellonce.profile.grpc;

import com.google.protobuf.Timestamp;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.Observation;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.proto.v1.ResolveRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/** Checks a ResolveRequest completely, naming every offending field, and turns it into an observation. */
@Singleton
final class ResolveRequestReader {
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    static final String UNSPECIFIED_SOURCE = "unspecified";

    private final IdentifierMessages identifiers;
    private final Clock clock;

    ResolveRequestReader(IdentifierMessages identifiers, Clock clock) {
        this.identifiers = identifiers;
        this.clock = clock;
    }

    Observation read(ResolveRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        List<Identifier> seen = new ArrayList<>();
        if (request.getIdentifiersCount() == 0) {
            problems.add(new FieldViolation("identifiers", "must contain at least one identifier"));
        } else {
            for (int i = 0; i < request.getIdentifiersCount(); i++) {
                identifiers.read(request.getIdentifiers(i), "identifiers[" + i + "]", problems).ifPresent(seen::add);
            }
        }
        Map<String, String> attributes = AttributeCodec.read(request.getAttributes(), "attributes", clock.instant(),
                problems);
        String source = request.getSourceSystem().strip();
        if (source.chars().anyMatch(Character::isISOControl)) {
            problems.add(new FieldViolation("source_system", "must not contain control characters"));
        }
        Instant observedAt = observedAt(request, problems);
        checkKey(request.getIdempotencyKey(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return new Observation(seen, attributes, source.isEmpty() ? UNSPECIFIED_SOURCE : source, observedAt);
    }

    private Instant observedAt(ResolveRequest request, List<FieldViolation> problems) {
        Instant now = clock.instant();
        if (!request.hasObservedAt()) {
            return now;
        }
        Optional<Instant> valid = RequestFields.time(true, request.getObservedAt(), "observed_at", problems);
        if (valid.isEmpty()) {
            return now;
        }
        Instant observed = valid.get();
        if (observed.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            problems.add(new FieldViolation("observed_at", "must not be more than "
                    + MAX_CLOCK_SKEW.toMinutes() + " minutes in the future"));
        }
        return observed;
    }

    static void checkKey(String key, List<FieldViolation> problems) {
        if (key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            problems.add(new FieldViolation("idempotency_key", "must be printable ASCII without spaces"));
        }
    }
}
