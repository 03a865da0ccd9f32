package io.tellonce.profile.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.Identifier;
import io.tellonce.profile.app.ConsentedAttributes;
import io.tellonce.profile.app.PersonLookup;
import io.tellonce.profile.app.PurposeReads;
import io.tellonce.profile.consent.Purpose;
import io.tellonce.proto.v1.WithheldField;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.AuditTrail;
import io.tellonce.profile.app.Caller;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.profile.config.HistorySettings;
import io.tellonce.profile.history.ContextChange;
import io.tellonce.profile.history.ContextSignals;
import io.tellonce.profile.history.ContextWatches;
import io.tellonce.profile.history.CustomerContexts;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.proto.v1.ChannelContacts;
import io.tellonce.proto.v1.ChannelSwitch;
import io.tellonce.proto.v1.ContextChangeKind;
import io.tellonce.proto.v1.ContextConsentSummary;
import io.tellonce.proto.v1.ContextServiceGrpc;
import io.tellonce.proto.v1.GetCustomerContextRequest;
import io.tellonce.proto.v1.GetCustomerContextResponse;
import io.tellonce.proto.v1.IdentifierGroup;
import io.tellonce.proto.v1.LatestSurveyAnswer;
import io.tellonce.proto.v1.RepeatContact;
import io.tellonce.proto.v1.SurveyFollowUp;
import io.tellonce.proto.v1.WatchCustomerContextRequest;
import io.tellonce.proto.v1.WatchCustomerContextResponse;
import io.tellonce.proto.v1.Channel;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** tellonce.v1.ContextService: the one-call customer context and its change stream. */
@Singleton
final class ContextEndpoint extends ContextServiceGrpc.ContextServiceImplBase {
    private static final String GET_CONTEXT = ContextServiceGrpc.getGetCustomerContextMethod().getFullMethodName();

    private final CallerTenant tenants;
    private final PurposeReads reads;
    private final ProfileLookups lookups;
    private final CustomerContexts contexts;
    private final ContextWatches watches;
    private final ProfileMessages profiles;
    private final IdentifierMessages identifiers;
    private final HistorySettings settings;
    private final Replies replies;
    private final FailureStatus failures;
    private final ConsentMessages consentMessages;
    private final AuditTrail audit;

    ContextEndpoint(CallerTenant tenants, ProfileLookups lookups, CustomerContexts contexts, ContextWatches watches,
                    ProfileMessages profiles, IdentifierMessages identifiers, HistorySettings settings, Replies replies,
                    FailureStatus failures, ConsentMessages consentMessages, AuditTrail audit,
                    PurposeReads reads) {
        this.reads = reads;
        this.consentMessages = consentMessages;
        this.audit = audit;
        this.tenants = tenants;
        this.lookups = lookups;
        this.contexts = contexts;
        this.watches = watches;
        this.profiles = profiles;
        this.identifiers = identifiers;
        this.settings = settings;
        this.replies = replies;
        this.failures = failures;
    }

    @Override
    public void getCustomerContext(GetCustomerContextRequest request,
                                   StreamObserver<GetCustomerContextResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = tenants.caller();
            TenantId tenant = caller.tenant();
            List<FieldViolation> problems = new ArrayList<>();
            int count = RequestFields.pageSize(request.getInteractionCount(), "interaction_count",
                    settings.defaultContextInteractions(), settings.maxContextInteractions(), problems);
            Optional<PersonLookup> lookup = lookups.read(request.getLookup(), "lookup", problems);
            Optional<Purpose> purpose = consentMessages.purpose(request.getPurpose(), request.getCustomPurpose(),
                    "purpose", false, problems);
            if (!problems.isEmpty()) {
                throw new InvalidRequest(problems);
            }
            Optional<Identifier> supplied = lookup.orElseThrow().identifier();
            return lookups.find(tenant, request.getLookup())
                    .thenCompose(id -> audit.read(caller, GET_CONTEXT, id, purpose,
                            purpose.map(p -> "customer context for " + p.words()).orElse("customer context"),
                            () -> contexts.of(tenant, id, count).thenCombine(reads.decision(tenant, id, supplied, purpose),
                                    (context, decision) -> response(context,
                                            reads.withhold(context.profile(), decision, supplied)))));
        });
    }

    private GetCustomerContextResponse response(CustomerContexts.CustomerContext context,
                                                ConsentedAttributes.ConsentedProfile shown) {
        GetCustomerContextResponse.Builder response = GetCustomerContextResponse.newBuilder();
        shown.withheld().forEach(withheld -> response.addWithheld(WithheldField.newBuilder()
                .setField(withheld.field()).setReason(withheld.reason())));
        shown.decision().ifPresent(decision -> response.setDecision(consentMessages.write(decision)));
        return response
                            .setProfile(profiles.write(shown.view()))
                            .addAllIdentifierGroups(groups(shown.view()))
                            .setConsent(ContextConsentSummary.newBuilder()
                                    .addAllConsents(context.consent().records().stream().map(consentMessages::write).toList()))
                            .addAllOpenCases(context.openCases().stream()
                                    .map(c -> HistoryMessages.aCase(c, context.profile().profileId())).toList())
                            .addAllRecentInteractions(context.latest().stream()
                                    .map(i -> HistoryMessages.interaction(i, context.profile().profileId())).toList())
                            .setSignals(signals(context.signals()))
                            .build();
    }

    /** Identifiers by the channel they reach the person on: handles by their channel or network. */
    private List<IdentifierGroup> groups(ProfileView view) {
        Map<String, IdentifierGroup.Builder> groups = new LinkedHashMap<>();
        view.identifiers().forEach(listed -> {
            IdentifierKind kind = listed.identifier().kind();
            String channel = kind.qualified() ? listed.identifier().namespace() : kind.storageName();
            groups.computeIfAbsent(channel, name -> IdentifierGroup.newBuilder().setChannel(name))
                    .addIdentifiers(identifiers.write(listed));
        });
        return groups.values().stream().map(IdentifierGroup.Builder::build).toList();
    }

    private static io.tellonce.proto.v1.ContextSignals signals(ContextSignals signals) {
        var wire = io.tellonce.proto.v1.ContextSignals.newBuilder().setTruncated(signals.truncated());
        signals.contacts().forEach(c -> wire.addContacts(ChannelContacts.newBuilder()
                .setChannel(channel(c.channel())).setLast7Days(c.last7Days()).setLast30Days(c.last30Days())));
        signals.repeatContacts().forEach(r -> wire.addRepeatContacts(RepeatContact.newBuilder()
                .setTopic(r.topic()).setContacts(r.contacts())
                .setFirstTime(WireTime.of(r.first())).setLastTime(WireTime.of(r.last()))
                .addAllChannels(r.channels().stream().map(ContextEndpoint::channel).toList())));
        signals.channelSwitch().ifPresent(s -> wire.setChannelSwitch(ChannelSwitch.newBuilder()
                .setFromChannel(channel(s.from().channel()))
                .setFromInteractionId(s.from().id().toString()).setFromTime(WireTime.of(s.from().occurredAt()))
                .setToInteractionId(s.to().id().toString()).setToTime(WireTime.of(s.to().occurredAt()))));
        signals.latestAnswers().forEach(a -> wire.addLatestSurveyAnswers(latest(a)));
        signals.followUp().ifPresent(f -> wire.setFollowUp(SurveyFollowUp.newBuilder()
                .setSurvey(latest(f.survey())).setDone(f.done())
                .setFollowUpInteractionId(f.followUpInteraction().map(Object::toString).orElse(""))));
        return wire.build();
    }

    private static LatestSurveyAnswer latest(ContextSignals.LatestAnswer answer) {
        return LatestSurveyAnswer.newBuilder().setAnswer(HistoryMessages.surveyAnswer(answer.answer()))
                .setInteractionId(answer.interactionId().toString()).setAnswerTime(WireTime.of(answer.at())).build();
    }

    private static Channel channel(io.tellonce.profile.history.Channel channel) {
        return RequestFields.wire(channel, HistoryMessages.CHANNEL, Channel.class);
    }

    @Override
    public void watchCustomerContext(WatchCustomerContextRequest request,
                                     StreamObserver<WatchCustomerContextResponse> responses) {
        ServerCallStreamObserver<WatchCustomerContextResponse> stream =
                (ServerCallStreamObserver<WatchCustomerContextResponse>) responses;
        AtomicReference<AutoCloseable> watch = new AtomicReference<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        // A desktop that closes stops the stream's work at once.
        stream.setOnCancelHandler(() -> {
            cancelled.set(true);
            stop(watch.getAndSet(null));
        });
        try {
            TenantId tenant = tenants.current();
            lookups.find(tenant, request.getLookup())
                    .thenCompose(id -> watches.watch(tenant, id, change -> send(stream, change), gone -> {
                        stop(watch.getAndSet(null));
                        synchronized (stream) {
                            if (!stream.isCancelled()) {
                                stream.onError(failures.of(gone));
                            }
                        }
                    }))
                    .whenComplete((started, failure) -> {
                        if (failure != null) {
                            stream.onError(failures.of(failure));
                        } else {
                            watch.set(started);
                            if (cancelled.get()) {
                                stop(watch.getAndSet(null));
                            }
                        }
                    });
        } catch (RuntimeException e) {
            stream.onError(failures.of(e));
        }
    }

    private static void send(ServerCallStreamObserver<WatchCustomerContextResponse> stream, ContextChange change) {
        if (stream.isCancelled()) {
            return;
        }
        WatchCustomerContextResponse.Builder wire = WatchCustomerContextResponse.newBuilder()
                .setKind(RequestFields.wire(change.kind(), "CONTEXT_CHANGE_KIND_", ContextChangeKind.class))
                .setProfileId(change.profile().toString())
                .setDetail(change.detail())
                .setChangeTime(WireTime.of(change.at()));
        change.interaction().ifPresent(i -> wire.setInteraction(HistoryMessages.interaction(i, change.profile())));
        change.aCase().ifPresent(c -> wire.setCase(HistoryMessages.aCase(c, change.profile())));
        synchronized (stream) {
            stream.onNext(wire.build());
        }
    }

    private static void stop(AutoCloseable watch) {
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop a context stream", e);
            }
        }
    }
}
