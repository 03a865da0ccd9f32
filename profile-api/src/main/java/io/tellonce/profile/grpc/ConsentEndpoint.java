package io.tellonce.profile.grpc;

import io.grpc.stub.StreamObserver;
import io.tellonce.identity.ProfileId;
import io.tellonce.profile.app.AuditEntry;
import io.tellonce.profile.app.AuditTrail;
import io.tellonce.profile.app.Caller;
import io.tellonce.profile.app.ConsentChange;
import io.tellonce.profile.app.ConsentChecks;
import io.tellonce.profile.app.Consents;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.config.AuditSettings;
import io.tellonce.proto.v1.BatchCheckConsentRequest;
import io.tellonce.proto.v1.BatchCheckConsentResponse;
import io.tellonce.proto.v1.CheckConsentRequest;
import io.tellonce.proto.v1.CheckConsentResponse;
import io.tellonce.proto.v1.ConsentCheckResult;
import io.tellonce.proto.v1.ConsentServiceGrpc;
import io.tellonce.proto.v1.GetConsentHistoryRequest;
import io.tellonce.proto.v1.GetConsentHistoryResponse;
import io.tellonce.proto.v1.GetConsentsRequest;
import io.tellonce.proto.v1.GetConsentsResponse;
import io.tellonce.proto.v1.SetConsentRequest;
import io.tellonce.proto.v1.SetConsentResponse;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** tellonce.v1.ConsentService: maps the wire to the consent ledger and decisions, and back. */
@Singleton
final class ConsentEndpoint extends ConsentServiceGrpc.ConsentServiceImplBase {
    private static final String SET = ConsentServiceGrpc.getSetConsentMethod().getFullMethodName();
    private static final String CURRENT = ConsentServiceGrpc.getGetConsentsMethod().getFullMethodName();
    private static final String HISTORY = ConsentServiceGrpc.getGetConsentHistoryMethod().getFullMethodName();
    private static final String CHECK = ConsentServiceGrpc.getCheckConsentMethod().getFullMethodName();
    private static final String BATCH = ConsentServiceGrpc.getBatchCheckConsentMethod().getFullMethodName();

    private final CallerTenant callers;
    private final ConsentRequests requests;
    private final ConsentMessages messages;
    private final ProfileLookups lookups;
    private final Consents consents;
    private final ConsentChecks checks;
    private final IdempotentCalls idempotentCalls;
    private final AuditTrail audit;
    private final AuditSettings auditSettings;
    private final Replies replies;

    ConsentEndpoint(CallerTenant callers, ConsentRequests requests, ConsentMessages messages, ProfileLookups lookups,
                    Consents consents, ConsentChecks checks, IdempotentCalls idempotentCalls, AuditTrail audit,
                    AuditSettings auditSettings, Replies replies) {
        this.callers = callers;
        this.requests = requests;
        this.messages = messages;
        this.lookups = lookups;
        this.consents = consents;
        this.checks = checks;
        this.idempotentCalls = idempotentCalls;
        this.audit = audit;
        this.auditSettings = auditSettings;
        this.replies = replies;
    }

    @Override
    public void setConsent(SetConsentRequest request, StreamObserver<SetConsentResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = callers.caller();
            ConsentChange change = requests.change(caller.tenant().value(), request);
            Supplier<CompletionStage<SetConsentResponse>> write = () -> consents.set(caller, SET, change)
                    .thenApply(recorded -> SetConsentResponse.newBuilder()
                            .setProfileId(recorded.profile().toString())
                            .setRecord(messages.write(recorded.record()))
                            .build());
            return idempotentCalls.once(caller.tenant(), "SetConsent", request.getIdempotencyKey(),
                    request.toBuilder().clearIdempotencyKey().build(), SetConsentResponse.parser(), write);
        });
    }

    @Override
    public void getConsents(GetConsentsRequest request, StreamObserver<GetConsentsResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = callers.caller();
            return lookups.find(caller.tenant(), request.getLookup()).thenCompose(node -> audit.read(caller, CURRENT,
                    node, Optional.empty(), "current consents", () -> consents.current(caller.tenant(), node)
                            .thenApply(current -> GetConsentsResponse.newBuilder()
                                    .setProfileId(current.profile().profile().toString())
                                    .addAllConsents(current.records().stream().map(messages::write).toList())
                                    .build())));
        });
    }

    @Override
    public void getConsentHistory(GetConsentHistoryRequest request, StreamObserver<GetConsentHistoryResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = callers.caller();
            ConsentRequests.Paging paging = ConsentRequests.paging(request.getPageSize(), request.getPageToken());
            return lookups.find(caller.tenant(), request.getLookup()).thenCompose(node -> audit.read(caller, HISTORY,
                    node, Optional.empty(), "consent history", () -> consents.history(caller.tenant(), node,
                                    paging.pageSize(), paging.pageToken())
                            .thenApply(history -> GetConsentHistoryResponse.newBuilder()
                                    .setProfileId(history.profile().profile().toString())
                                    .addAllRecords(history.page().records().stream().map(messages::write).toList())
                                    .setNextPageToken(history.page().nextPageToken().orElse(""))
                                    .build())));
        });
    }

    @Override
    public void checkConsent(CheckConsentRequest request, StreamObserver<CheckConsentResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = callers.caller();
            List<FieldViolation> problems = new ArrayList<>();
            ConsentChecks.Check check = requests.check(request.getCheck(), "check.", problems);
            if (!problems.isEmpty()) {
                throw new InvalidRequest(problems);
            }
            return audited(caller, CHECK, List.of(check)).thenApply(results -> CheckConsentResponse.newBuilder()
                    .setProfileId(results.get(0).profile().map(ProfileId::toString).orElse(""))
                    .setDecision(messages.write(results.get(0).decision()))
                    .build());
        });
    }

    @Override
    public void batchCheckConsent(BatchCheckConsentRequest request, StreamObserver<BatchCheckConsentResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = callers.caller();
            List<ConsentChecks.Check> batch = requests.checks(request.getChecksList());
            return audited(caller, BATCH, batch).thenApply(results -> {
                BatchCheckConsentResponse.Builder response = BatchCheckConsentResponse.newBuilder();
                results.forEach(result -> response.addResults(ConsentCheckResult.newBuilder()
                        .setProfileId(result.profile().map(ProfileId::toString).orElse(""))
                        .setDecision(messages.write(result.decision()))));
                return response.build();
            });
        });
    }

    /** The checks, and (unless configured off) one audit entry per person found, stored before the answer. */
    private CompletionStage<List<ConsentChecks.Result>> audited(Caller caller, String rpc, List<ConsentChecks.Check> batch) {
        return checks.check(caller.tenant(), batch).thenCompose(results -> {
            if (!auditSettings.consentChecks()) {
                return CompletableFuture.completedFuture(results);
            }
            Map<ProfileId, AuditEntry> entries = new LinkedHashMap<>();
            for (int i = 0; i < results.size(); i++) {
                ConsentChecks.Result result = results.get(i);
                ConsentChecks.Check check = batch.get(i);
                result.node().ifPresent(node -> entries.computeIfAbsent(node, id -> audit.entry(caller, id,
                        AuditEntry.Action.READ, rpc, Optional.of(check.question().purpose()),
                        result.profile().map(List::of).orElse(List.of()), "consent check")));
            }
            return audit.reads(List.copyOf(entries.values()), () -> CompletableFuture.completedFuture(results));
        });
    }
}
