package io.tellonce.profile.grpc;

import io.grpc.stub.StreamObserver;
import io.tellonce.identity.ProfileId;
import io.tellonce.profile.app.AuditEntry;
import io.tellonce.profile.app.AuditLog;
import io.tellonce.profile.app.AuditTrail;
import io.tellonce.profile.app.Caller;
import io.tellonce.profile.app.Erasures;
import io.tellonce.profile.app.ExportSection;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.app.PersonLookup;
import io.tellonce.profile.app.PersonalDataExports;
import io.tellonce.profile.app.ProfileMembers;
import io.tellonce.profile.app.ProfileNotFound;
import io.tellonce.proto.v1.ErasePersonRequest;
import io.tellonce.proto.v1.ErasePersonResponse;
import io.tellonce.proto.v1.ExportPersonalDataRequest;
import io.tellonce.proto.v1.ExportPersonalDataResponse;
import io.tellonce.proto.v1.PrivacyServiceGrpc;
import io.tellonce.proto.v1.QueryAuditRequest;
import io.tellonce.proto.v1.QueryAuditResponse;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * tellonce.v1.PrivacyService: the audit of a profile across the nodes it consists of now, the export of
 * everything held about a person, and their erasure (ADR 14).
 */
@Singleton
final class PrivacyEndpoint extends PrivacyServiceGrpc.PrivacyServiceImplBase {
    static final Duration MAX_RANGE = Duration.ofDays(92);
    private static final String EXPORT = PrivacyServiceGrpc.getExportPersonalDataMethod().getFullMethodName();
    private static final String ERASE = PrivacyServiceGrpc.getErasePersonMethod().getFullMethodName();

    private final CallerTenant callers;
    private final ProfileLookups lookups;
    private final ProfileMembers members;
    private final AuditLog log;
    private final AuditTrail audit;
    private final PersonalDataExports exports;
    private final Erasures erasures;
    private final IdempotentCalls idempotentCalls;
    private final PrivacyMessages messages;
    private final Replies replies;
    private final FailureStatus failures;

    PrivacyEndpoint(CallerTenant callers, ProfileLookups lookups, ProfileMembers members, AuditLog log,
                    AuditTrail audit, PersonalDataExports exports, Erasures erasures, IdempotentCalls idempotentCalls,
                    PrivacyMessages messages, Replies replies, FailureStatus failures) {
        this.callers = callers;
        this.lookups = lookups;
        this.members = members;
        this.log = log;
        this.audit = audit;
        this.exports = exports;
        this.erasures = erasures;
        this.idempotentCalls = idempotentCalls;
        this.messages = messages;
        this.replies = replies;
        this.failures = failures;
    }

    @Override
    public void queryAudit(QueryAuditRequest request, StreamObserver<QueryAuditResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = callers.caller();
            List<FieldViolation> problems = new ArrayList<>();
            lookups.read(request.getLookup(), "lookup", problems);
            Optional<Instant> from = request.hasStartTime()
                    ? ConsentMessages.time(request.getStartTime(), "start_time", problems) : missing("start_time", problems);
            Optional<Instant> to = request.hasEndTime()
                    ? ConsentMessages.time(request.getEndTime(), "end_time", problems) : missing("end_time", problems);
            if (from.isPresent() && to.isPresent()) {
                if (!to.get().isAfter(from.get())) {
                    problems.add(new FieldViolation("end_time", "must be after start_time"));
                } else if (Duration.between(from.get(), to.get()).compareTo(MAX_RANGE) > 0) {
                    problems.add(new FieldViolation("end_time", "must be at most " + MAX_RANGE.toDays()
                            + " days after start_time"));
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidRequest(problems);
            }
            ConsentRequests.Paging paging = ConsentRequests.paging(request.getPageSize(), request.getPageToken());
            return lookups.find(caller.tenant(), request.getLookup())
                    .thenCompose(node -> members.of(caller.tenant(), node).thenApply(found ->
                            found.orElseThrow(() -> new ProfileNotFound("profile id " + node))))
                    .thenCompose(profile -> log.query(caller.tenant(), profile.nodes(), from.get(), to.get(),
                                    paging.pageSize(), paging.pageToken())
                            .thenApply(page -> response(profile.profile(), page)));
        });
    }

    private static Optional<Instant> missing(String field, List<FieldViolation> problems) {
        problems.add(new FieldViolation(field, "is required"));
        return Optional.empty();
    }

    private QueryAuditResponse response(ProfileId profile, AuditLog.Page page) {
        return QueryAuditResponse.newBuilder().setProfileId(profile.toString())
                .setNextPageToken(page.nextPageToken().orElse(""))
                .addAllEntries(page.entries().stream().map(messages::auditEntry).toList())
                .build();
    }

    @Override
    public void exportPersonalData(ExportPersonalDataRequest request,
                                   StreamObserver<ExportPersonalDataResponse> responses) {
        Caller caller;
        try {
            caller = callers.caller();
            List<FieldViolation> problems = new ArrayList<>();
            lookups.read(request.getLookup(), "lookup", problems);
            if (!problems.isEmpty()) {
                throw new InvalidRequest(problems);
            }
        } catch (RuntimeException e) {
            responses.onError(failures.of(e));
            return;
        }
        // The summary comes first and names the profile; every later section repeats it.
        AtomicReference<ProfileId> profile = new AtomicReference<>();
        // The audit entry is stored before the first section leaves: no personal data leaves unaudited.
        lookups.find(caller.tenant(), request.getLookup())
                .thenCompose(node -> log.append(List.of(audit.entry(caller, node, AuditEntry.Action.READ, EXPORT,
                                Optional.empty(), List.of(node), "personal data export")))
                        .thenCompose(audited -> exports.export(caller.tenant(), node, section -> {
                            if (section instanceof ExportSection.Summary summary) {
                                profile.set(summary.profile());
                            }
                            responses.onNext(messages.section(profile.get(), section));
                        })))
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        responses.onError(failures.of(failure));
                    } else {
                        responses.onCompleted();
                    }
                });
    }

    @Override
    public void erasePerson(ErasePersonRequest request, StreamObserver<ErasePersonResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = callers.caller();
            List<FieldViolation> problems = new ArrayList<>();
            Optional<PersonLookup> lookup = lookups.read(request.getLookup(), "lookup", problems);
            SupervisorRequests.accountable(request.getActor(), request.getReason(), problems);
            ResolveRequestReader.checkKey(request.getIdempotencyKey(), problems);
            if (!problems.isEmpty()) {
                throw new InvalidRequest(problems);
            }
            String actor = request.getActor().strip();
            String reason = request.getReason().strip();
            return idempotentCalls.once(caller.tenant(), "ErasePerson", request.getIdempotencyKey(),
                    request.toBuilder().clearIdempotencyKey().build(), ErasePersonResponse.parser(),
                    () -> erasures.erase(caller.tenant(), lookup.orElseThrow(), actor, reason)
                            .thenCompose(receipt -> audit.changed(receipt, caller, ERASE, List.of(receipt.profile()),
                                    "erasure " + receipt.erasureId() + " of " + receipt.nodes().size()
                                            + " nodes by " + actor + ": " + reason))
                            .thenApply(receipt -> ErasePersonResponse.newBuilder()
                                    .setReceipt(messages.receipt(receipt)).build()));
        });
    }
}
