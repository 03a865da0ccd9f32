package io.tellonce.profile.grpc;

import io.tellonce.identity.Identifier;
import io.tellonce.profile.app.ConsentChange;
import io.tellonce.profile.app.ConsentChecks;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.app.PersonLookup;
import io.tellonce.profile.consent.ConsentChannel;
import io.tellonce.profile.consent.ConsentQuestion;
import io.tellonce.profile.consent.ConsentStatus;
import io.tellonce.profile.consent.Purpose;
import io.tellonce.proto.v1.ConsentCheck;
import io.tellonce.proto.v1.SetConsentRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Checks consent requests completely, naming every offending field, before anything is read or written. */
@Singleton
final class ConsentRequests {

    private final ProfileLookups lookups;
    private final IdentifierMessages identifiers;
    private final ConsentMessages messages;
    private final Clock clock;

    ConsentRequests(ProfileLookups lookups, IdentifierMessages identifiers, ConsentMessages messages, Clock clock) {
        this.lookups = lookups;
        this.identifiers = identifiers;
        this.messages = messages;
        this.clock = clock;
    }

    ConsentChange change(String tenant, SetConsentRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        Optional<PersonLookup> person = lookups.read(request.getLookup(), "lookup", problems);
        Optional<Purpose> purpose = messages.purpose(request.getPurpose(), request.getCustomPurpose(), "purpose", true,
                problems);
        Optional<ConsentChannel> channel = ConsentMessages.channel(request.getChannel(), "channel", problems);
        Optional<Identifier> scope = request.hasIdentifier()
                ? identifiers.read(request.getIdentifier(), "identifier", problems) : Optional.empty();
        Optional<ConsentStatus> status = ConsentMessages.status(request.getStatus(), problems);
        Optional<String> basis = ConsentMessages.legalBasis(request.getLegalBasis(), problems);
        String source = accountable(request.getSourceSystem(), "source_system", problems);
        String actor = accountable(request.getActor(), "actor", problems);
        Instant now = clock.instant();
        Instant capturedAt = request.hasCaptureTime()
                ? ConsentMessages.time(request.getCaptureTime(), "capture_time", problems).orElse(now)
                : Instant.ofEpochMilli(now.toEpochMilli());
        if (capturedAt.isAfter(now.plus(ResolveRequestReader.MAX_CLOCK_SKEW))) {
            problems.add(new FieldViolation("capture_time", "must not be more than "
                    + ResolveRequestReader.MAX_CLOCK_SKEW.toMinutes() + " minutes in the future"));
        }
        Optional<Instant> expiresAt = Optional.empty();
        if (request.hasExpireTime()) {
            expiresAt = ConsentMessages.time(request.getExpireTime(), "expire_time", problems);
            if (expiresAt.isPresent() && !expiresAt.get().isAfter(capturedAt)) {
                problems.add(new FieldViolation("expire_time", "must be after capture_time"));
            }
            if (status.isPresent() && status.get().refuses()) {
                problems.add(new FieldViolation("expire_time", "only a grant can expire; leave it unset for "
                        + status.get().storageName()));
            }
        }
        ResolveRequestReader.checkKey(request.getIdempotencyKey(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        UUID recordId = request.getIdempotencyKey().isEmpty() ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes((tenant + "\n" + request.getIdempotencyKey()).getBytes(StandardCharsets.UTF_8));
        return new ConsentChange(recordId, person.orElseThrow(), purpose.orElseThrow(), channel.orElseThrow(), scope,
                status.orElseThrow(), basis.orElseThrow(), source, actor, capturedAt, expiresAt,
                request.getPolicyVersion().strip(), request.getEvidence().strip());
    }

    ConsentChecks.Check check(ConsentCheck check, String field, List<FieldViolation> problems) {
        Optional<PersonLookup> person = lookups.read(check.getLookup(), field + "lookup", problems);
        Optional<Purpose> purpose = messages.purpose(check.getPurpose(), check.getCustomPurpose(), field + "purpose",
                true, problems);
        Optional<ConsentChannel> channel = ConsentMessages.channel(check.getChannel(), field + "channel", problems);
        Optional<Identifier> scope = check.hasIdentifier()
                ? identifiers.read(check.getIdentifier(), field + "identifier", problems)
                : person.flatMap(PersonLookup::identifier);
        if (person.isEmpty() || purpose.isEmpty() || channel.isEmpty()
                || (check.hasIdentifier() && scope.isEmpty())) {
            return null;
        }
        return new ConsentChecks.Check(person.get(), new ConsentQuestion(purpose.get(), channel.get(), scope));
    }

    List<ConsentChecks.Check> checks(List<ConsentCheck> checks) {
        List<FieldViolation> problems = new ArrayList<>();
        if (checks.isEmpty()) {
            throw new InvalidRequest("checks", "must hold at least 1 check");
        }
        List<ConsentChecks.Check> read = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            read.add(check(checks.get(i), "checks[" + i + "].", problems));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return read;
    }

    record Paging(int pageSize, Optional<String> pageToken) {
    }

    static Paging paging(int pageSize, String pageToken) {
        if (pageSize < 0 || pageSize > SupervisorRequests.MAX_PAGE) {
            throw new InvalidRequest("page_size", "must be 1 to " + SupervisorRequests.MAX_PAGE + ", or 0 for "
                    + SupervisorRequests.DEFAULT_PAGE);
        }
        return new Paging(pageSize == 0 ? SupervisorRequests.DEFAULT_PAGE : pageSize,
                pageToken.isEmpty() ? Optional.empty() : Optional.of(pageToken));
    }

    private static String accountable(String value, String field, List<FieldViolation> problems) {
        return RequestFields.text(value, field, true, problems);
    }
}
