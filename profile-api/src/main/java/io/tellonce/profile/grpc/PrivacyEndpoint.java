package io.tellonce.profile.grpc;

import io.grpc.stub.StreamObserver;
import io.tellonce.identity.ProfileId;
import io.tellonce.profile.app.AuditEntry;
import io.tellonce.profile.app.AuditLog;
import io.tellonce.profile.app.Caller;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.app.ProfileMembers;
import io.tellonce.profile.app.ProfileNotFound;
import io.tellonce.proto.v1.AuditAction;
import io.tellonce.proto.v1.PrivacyServiceGrpc;
import io.tellonce.proto.v1.QueryAuditRequest;
import io.tellonce.proto.v1.QueryAuditResponse;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** tellonce.v1.PrivacyService: the audit of a profile, across the nodes it consists of now. */
@Singleton
final class PrivacyEndpoint extends PrivacyServiceGrpc.PrivacyServiceImplBase {
    static final Duration MAX_RANGE = Duration.ofDays(92);

    private final CallerTenant callers;
    private final ProfileLookups lookups;
    private final ProfileMembers members;
    private final AuditLog log;
    private final ConsentMessages consent;
    private final Replies replies;

    PrivacyEndpoint(CallerTenant callers, ProfileLookups lookups, ProfileMembers members, AuditLog log,
                    ConsentMessages consent, Replies replies) {
        this.callers = callers;
        this.lookups = lookups;
        this.members = members;
        this.log = log;
        this.consent = consent;
        this.replies = replies;
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
        QueryAuditResponse.Builder response = QueryAuditResponse.newBuilder().setProfileId(profile.toString())
                .setNextPageToken(page.nextPageToken().orElse(""));
        for (AuditLog.Stored stored : page.entries()) {
            AuditEntry entry = stored.entry();
            var wire = io.tellonce.proto.v1.AuditEntry.newBuilder()
                    .setAuditId(stored.id().toString())
                    .setTime(WireTime.of(entry.at()))
                    .setNodeId(entry.node().toString())
                    .setAction(entry.action() == AuditEntry.Action.READ ? AuditAction.AUDIT_ACTION_READ
                            : AuditAction.AUDIT_ACTION_CHANGE)
                    .setRpc(entry.rpc())
                    .setActor(entry.caller().actor())
                    .setRole(entry.caller().role())
                    .addAllProfileIds(entry.profiles().stream().map(ProfileId::toString).toList())
                    .setDetail(entry.detail());
            entry.purpose().ifPresent(purpose -> wire.setPurpose(consent.purpose(purpose))
                    .setCustomPurpose(purpose.customName().orElse("")));
            response.addEntries(wire);
        }
        return response.build();
    }
}
