package io.tellonce.profile.grpc;

import io.grpc.stub.StreamObserver;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.history.Cases;
import io.tellonce.profile.history.CustomerCase;
import io.tellonce.profile.history.InteractionRecorder;
import io.tellonce.profile.history.PersonHistory;
import io.tellonce.proto.v1.GetCaseRequest;
import io.tellonce.proto.v1.GetCaseResponse;
import io.tellonce.proto.v1.HistoryServiceGrpc;
import io.tellonce.proto.v1.ListInteractionsRequest;
import io.tellonce.proto.v1.ListInteractionsResponse;
import io.tellonce.proto.v1.ListOpenCasesRequest;
import io.tellonce.proto.v1.ListOpenCasesResponse;
import io.tellonce.proto.v1.OpenCaseRequest;
import io.tellonce.proto.v1.OpenCaseResponse;
import io.tellonce.proto.v1.RecordInteractionRequest;
import io.tellonce.proto.v1.RecordInteractionResponse;
import io.tellonce.proto.v1.UpdateCaseRequest;
import io.tellonce.proto.v1.UpdateCaseResponse;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** tellonce.v1.HistoryService: maps the wire to the history and cases and back. */
@Singleton
final class HistoryEndpoint extends HistoryServiceGrpc.HistoryServiceImplBase {
    private final CallerTenant tenants;
    private final InteractionRequestReader reader;
    private final IdempotentCalls idempotentCalls;
    private final InteractionRecorder recorder;
    private final PersonHistory history;
    private final Cases cases;
    private final ProfileLookups lookups;
    private final Replies replies;

    HistoryEndpoint(CallerTenant tenants, InteractionRequestReader reader, IdempotentCalls idempotentCalls,
                    InteractionRecorder recorder, PersonHistory history, Cases cases, ProfileLookups lookups,
                    Replies replies) {
        this.tenants = tenants;
        this.reader = reader;
        this.idempotentCalls = idempotentCalls;
        this.recorder = recorder;
        this.history = history;
        this.cases = cases;
        this.lookups = lookups;
        this.replies = replies;
    }

    @Override
    public void recordInteraction(RecordInteractionRequest request, StreamObserver<RecordInteractionResponse> responses) {
        replies.reply(responses, () -> {
            TenantId tenant = tenants.current();
            InteractionRequestReader.Read read = reader.read(request);
            return idempotentCalls.once(tenant, "RecordInteraction", request.getIdempotencyKey(),
                    request.toBuilder().clearIdempotencyKey().build(), RecordInteractionResponse.parser(),
                    () -> recorder.record(tenant, read.subject(), read.draft(), key(request.getIdempotencyKey()))
                            .thenApply(recorded -> RecordInteractionResponse.newBuilder()
                                    .setInteraction(HistoryMessages.interaction(recorded.interaction(), recorded.profile()))
                                    .build()));
        });
    }

    @Override
    public void listInteractions(ListInteractionsRequest request, StreamObserver<ListInteractionsResponse> responses) {
        replies.reply(responses, () -> {
            TenantId tenant = tenants.current();
            HistoryRequests.Listing listing = HistoryRequests.listing(request);
            return lookups.find(tenant, request.getLookup())
                    .thenCompose(id -> history.person(tenant, id))
                    .thenCompose(person -> history.page(tenant, person, listing.window(), listing.filter(),
                                    listing.pageSize())
                            .thenApply(page -> ListInteractionsResponse.newBuilder()
                                    .addAllInteractions(page.interactions().stream()
                                            .map(i -> HistoryMessages.interaction(i, person.profile())).toList())
                                    .setNextPageToken(HistoryRequests.nextPageToken(page.next()))
                                    .build()));
        });
    }

    @Override
    public void openCase(OpenCaseRequest request, StreamObserver<OpenCaseResponse> responses) {
        replies.reply(responses, () -> {
            TenantId tenant = tenants.current();
            HistoryRequests.Opening opening = HistoryRequests.opening(request);
            return lookups.find(tenant, request.getLookup()).thenCompose(node -> idempotentCalls.once(tenant, "OpenCase",
                    request.getIdempotencyKey(), request.toBuilder().clearIdempotencyKey().build(),
                    OpenCaseResponse.parser(),
                    () -> cases.open(tenant, node, opening.title(), opening.topic(), opening.actor(), opening.note(),
                                    key(request.getIdempotencyKey()))
                            .thenApply(found -> OpenCaseResponse.newBuilder()
                                    .setCase(HistoryMessages.aCase(found.aCase(), found.profile())).build())));
        });
    }

    @Override
    public void updateCase(UpdateCaseRequest request, StreamObserver<UpdateCaseResponse> responses) {
        replies.reply(responses, () -> {
            TenantId tenant = tenants.current();
            HistoryRequests.Update update = HistoryRequests.update(request);
            return idempotentCalls.once(tenant, "UpdateCase", request.getIdempotencyKey(),
                    request.toBuilder().clearIdempotencyKey().build(), UpdateCaseResponse.parser(),
                    () -> cases.update(tenant, update.caseId(), update.change())
                            .thenApply(found -> UpdateCaseResponse.newBuilder()
                                    .setCase(HistoryMessages.aCase(found.aCase(), found.profile())).build()));
        });
    }

    @Override
    public void getCase(GetCaseRequest request, StreamObserver<GetCaseResponse> responses) {
        replies.reply(responses, () -> {
            TenantId tenant = tenants.current();
            return cases.get(tenant, HistoryRequests.caseId(request.getCaseId()))
                    .thenApply(found -> GetCaseResponse.newBuilder()
                            .setCase(HistoryMessages.aCase(found.aCase(), found.profile())).build());
        });
    }

    @Override
    public void listOpenCases(ListOpenCasesRequest request, StreamObserver<ListOpenCasesResponse> responses) {
        replies.reply(responses, () -> {
            TenantId tenant = tenants.current();
            HistoryRequests.CasePage page = HistoryRequests.casePage(request);
            return lookups.find(tenant, request.getLookup())
                    .thenCompose(id -> history.person(tenant, id))
                    .thenCompose(person -> cases.active(tenant, person).thenApply(open -> {
                        int end = Math.min(open.size(), page.offset() + page.pageSize());
                        List<CustomerCase> shown = page.offset() >= open.size() ? List.of() : open.subList(page.offset(), end);
                        return ListOpenCasesResponse.newBuilder()
                                .addAllCases(shown.stream().map(c -> HistoryMessages.aCase(c, person.profile())).toList())
                                .setNextPageToken(end < open.size() ? HistoryRequests.nextCasePageToken(end) : "")
                                .build();
                    }));
        });
    }

    private static Optional<String> key(String idempotencyKey) {
        return idempotencyKey.isEmpty() ? Optional.empty() : Optional.of(idempotencyKey);
    }
}
