package io.tellonce.profile.grpc;

import io.grpc.stub.StreamObserver;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.matching.FieldContribution;
import io.tellonce.matching.MatchEvidence;
import io.tellonce.matching.MatchRecord;
import io.tellonce.profile.app.AuditEntry;
import io.tellonce.profile.app.AuditTrail;
import io.tellonce.profile.app.Caller;
import io.tellonce.profile.app.ProfileQueries;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.matching.DuplicateScan;
import io.tellonce.profile.matching.FuzzyMatches;
import io.tellonce.profile.matching.MatchPolicy;
import io.tellonce.profile.matching.PersonRecords;
import io.tellonce.profile.matching.TenantModelEstimation;
import io.tellonce.proto.v1.EstimateMatchModelRequest;
import io.tellonce.proto.v1.EstimateMatchModelResponse;
import io.tellonce.proto.v1.DuplicatePair;
import io.tellonce.proto.v1.FieldEvidence;
import io.tellonce.proto.v1.ScanDuplicatesRequest;
import io.tellonce.proto.v1.ScanDuplicatesResponse;
import io.tellonce.proto.v1.FindMatchesRequest;
import io.tellonce.proto.v1.FindMatchesResponse;
import io.tellonce.proto.v1.MatchCandidate;
import io.tellonce.proto.v1.MatchDecision;
import io.tellonce.proto.v1.MatchingServiceGrpc;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * tellonce.v1.MatchingService: maps the wire to fuzzy matching; every candidate shown is an audited
 * read. EstimateMatchModel reads profiles but answers no personal data (only the model's numbers), so
 * it writes no read entries.
 */
@Singleton
final class MatchingEndpoint extends MatchingServiceGrpc.MatchingServiceImplBase {
    private static final String FIND_RPC = MatchingServiceGrpc.getFindMatchesMethod().getFullMethodName();
    private static final String SCAN_RPC = MatchingServiceGrpc.getScanDuplicatesMethod().getFullMethodName();
    private static final String OBSERVATION = "observation";
    static final int DEFAULT_SCAN_PAGE = 100;
    static final int MAX_SCAN_PAGE = 500;
    static final int DEFAULT_SAMPLE = 5_000;
    static final int MIN_SAMPLE = 2;
    /** EM over this many profiles takes seconds on one core; more adds little to a model of ~50 numbers. */
    static final int MAX_SAMPLE = 20_000;

    private final CallerTenant tenants;
    private final FindMatchesRequestReader reader;
    private final ProfileLookups lookups;
    private final ProfileQueries profiles;
    private final PersonRecords records;
    private final FuzzyMatches matches;
    private final ProfileMessages messages;
    private final AuditTrail audit;
    private final Replies replies;
    private final DuplicateScan scan;
    private final TenantModelEstimation estimation;
    private final MatchModelMessages modelMessages;
    private final IdempotentCalls idempotentCalls;

    MatchingEndpoint(CallerTenant tenants, FindMatchesRequestReader reader, ProfileLookups lookups,
                     ProfileQueries profiles, PersonRecords records, FuzzyMatches matches, ProfileMessages messages,
                     AuditTrail audit, Replies replies, DuplicateScan scan, TenantModelEstimation estimation,
                     MatchModelMessages modelMessages, IdempotentCalls idempotentCalls) {
        this.scan = scan;
        this.estimation = estimation;
        this.modelMessages = modelMessages;
        this.idempotentCalls = idempotentCalls;
        this.tenants = tenants;
        this.reader = reader;
        this.lookups = lookups;
        this.profiles = profiles;
        this.records = records;
        this.matches = matches;
        this.messages = messages;
        this.audit = audit;
        this.replies = replies;
    }

    @Override
    public void findMatches(FindMatchesRequest request, StreamObserver<FindMatchesResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = tenants.caller();
            TenantId tenant = caller.tenant();
            FindMatchesRequestReader.Read read = reader.read(request);
            if (read.observation().isPresent()) {
                FindMatchesRequestReader.Observed observed = read.observation().get();
                MatchRecord probe = records.record(OBSERVATION, observed.attributes(), observed.identifiers());
                return find(caller, probe, Optional.empty(), read);
            }
            return lookups.find(tenant, read.profile().orElseThrow())
                    .thenCompose(id -> profiles.byId(tenant, id))
                    .thenCompose(subject -> find(caller, records.record(subject), Optional.of(subject.profileId()),
                            read));
        });
    }

    private CompletionStage<FindMatchesResponse> find(Caller caller, MatchRecord probe, Optional<ProfileId> self,
                                                      FindMatchesRequestReader.Read read) {
        return matches.find(caller.tenant(), probe, self, read.maxResults(), read.minProbability(), false)
                .thenCompose(found -> {
                    List<AuditEntry> entries = new ArrayList<>();
                    self.ifPresent(subject -> entries.add(audit.entry(caller, subject, AuditEntry.Action.READ, FIND_RPC,
                            Optional.empty(), List.of(subject), "fuzzy matches of this profile")));
                    found.matches().forEach(match -> entries.add(audit.entry(caller, match.profile().profileId(),
                            AuditEntry.Action.READ, FIND_RPC, Optional.empty(), List.of(match.profile().profileId()),
                            String.format(Locale.ROOT, "fuzzy match candidate of %s, p=%.6f",
                                    self.map(ProfileId::toString).orElse("an observation"),
                                    match.evidence().probability()))));
                    return audited(entries, response(found));
                });
    }

    @Override
    public void scanDuplicates(ScanDuplicatesRequest request, StreamObserver<ScanDuplicatesResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = tenants.caller();
            List<FieldViolation> problems = new ArrayList<>();
            int pageSize = request.getPageSize() == 0 ? DEFAULT_SCAN_PAGE : request.getPageSize();
            if (pageSize < 1 || pageSize > MAX_SCAN_PAGE) {
                problems.add(new FieldViolation("page_size", "must be between 1 and " + MAX_SCAN_PAGE + " (0 for "
                        + DEFAULT_SCAN_PAGE + ")"));
            }
            Optional<ProfileId> after = Optional.empty();
            if (!request.getPageToken().isEmpty()) {
                try {
                    after = Optional.of(ProfileId.parse(request.getPageToken()));
                } catch (IllegalArgumentException e) {
                    problems.add(new FieldViolation("page_token", "is not a page token of this scan"));
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidRequest(problems);
            }
            return scan.scan(caller.tenant(), after, pageSize, request.getDryRun()).thenCompose(page -> {
                ScanDuplicatesResponse.Builder response = ScanDuplicatesResponse.newBuilder()
                        .setProfilesScanned(page.scanned())
                        .setNextPageToken(page.next().map(ProfileId::toString).orElse(""));
                List<AuditEntry> entries = new ArrayList<>();
                page.shadowModel().ifPresent(response::setShadowModel);
                for (DuplicateScan.Pair pair : page.pairs()) {
                    FuzzyMatches.Match match = pair.match();
                    response.addPairs(DuplicatePair.newBuilder()
                            .setProfileId(pair.profile().toString())
                            .setOtherProfileId(pair.other().toString())
                            .setMatchProbability(match.evidence().probability())
                            .setDecision(decision(match.decision()))
                            .setShadowDecision(shadowDecision(match))
                            .setShadowMatchProbability(shadowProbability(match))
                            .setReviewItemId(pair.reviewItem().map(Object::toString).orElse(""))
                            .setEvidence(pair.evidenceText()));
                    if (match.shadowDiffers()) {
                        response.setShadowDifferences(response.getShadowDifferences() + 1);
                    }
                    for (ProfileId profile : List.of(pair.profile(), pair.other())) {
                        entries.add(audit.entry(caller, profile, AuditEntry.Action.READ, SCAN_RPC, Optional.empty(),
                                List.of(pair.profile(), pair.other()), "duplicate scan pair, " + pair.evidenceText()));
                    }
                }
                return audited(entries, response.build());
            });
        });
    }

    @Override
    public void estimateMatchModel(EstimateMatchModelRequest request,
                                   StreamObserver<EstimateMatchModelResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = tenants.caller();
            List<FieldViolation> problems = new ArrayList<>();
            int sampleSize = request.getSampleSize() == 0 ? DEFAULT_SAMPLE : request.getSampleSize();
            if (sampleSize < MIN_SAMPLE || sampleSize > MAX_SAMPLE) {
                problems.add(new FieldViolation("sample_size", "must be between " + MIN_SAMPLE + " and " + MAX_SAMPLE
                        + " (0 for " + DEFAULT_SAMPLE + ")"));
            }
            String description = RequestFields.text(request.getDescription(), "description", false,
                    problems);
            ResolveRequestReader.checkKey(request.getIdempotencyKey(), problems);
            if (!problems.isEmpty()) {
                throw new InvalidRequest(problems);
            }
            return idempotentCalls.once(caller.tenant(), "EstimateMatchModel", request.getIdempotencyKey(),
                    request.toBuilder().clearIdempotencyKey().build(), EstimateMatchModelResponse.parser(),
                    () -> estimation.estimate(caller.tenant(), sampleSize, request.getShadow(),
                                    description.isEmpty() ? "estimated by EstimateMatchModel" : description)
                            .thenApply(modelMessages::write));
        });
    }

    /** The answer once its audit entries are stored: no personal data leaves unaudited (ADR 11). */
    private <T> CompletionStage<T> audited(List<AuditEntry> entries, T answer) {
        return entries.isEmpty() ? CompletableFuture.completedFuture(answer)
                : audit.reads(entries, () -> CompletableFuture.completedFuture(answer));
    }

    private FindMatchesResponse response(FuzzyMatches.Found found) {
        MatchPolicy policy = found.policy();
        FindMatchesResponse.Builder response = FindMatchesResponse.newBuilder()
                .setReviewThreshold(policy.reviewThreshold())
                .setAutoMergeThreshold(policy.autoMerge() ? policy.autoMergeThreshold() : 0)
                .setModel(found.model())
                .setShadowModel(found.shadowModel().orElse(""));
        for (FuzzyMatches.Match match : found.matches()) {
            MatchCandidate.Builder candidate = MatchCandidate.newBuilder()
                    .setProfileId(match.profile().profileId().toString())
                    .setMatchProbability(match.evidence().probability())
                    .setMatchWeight(match.evidence().weight())
                    .setPriorWeight(match.evidence().priorWeight())
                    .setDecision(decision(match.decision()))
                    .setShadowDecision(shadowDecision(match))
                    .setShadowMatchProbability(shadowProbability(match))
                    .setProfile(messages.write(match.profile()));
            for (FieldContribution field : match.evidence().contributions()) {
                candidate.addFields(FieldEvidence.newBuilder()
                        .setField(field.field().name().toLowerCase(Locale.ROOT))
                        .setLevel(field.level())
                        .setContribution(field.weight()));
            }
            response.addCandidates(candidate);
        }
        return response.build();
    }

    private static MatchDecision shadowDecision(FuzzyMatches.Match match) {
        return match.shadowDecision().map(MatchingEndpoint::decision).orElse(MatchDecision.MATCH_DECISION_UNSPECIFIED);
    }

    private static double shadowProbability(FuzzyMatches.Match match) {
        return match.shadowEvidence().map(MatchEvidence::probability).orElse(0.0);
    }

    static MatchDecision decision(MatchPolicy.Decision decision) {
        return switch (decision) {
            case NONE -> MatchDecision.MATCH_DECISION_NONE;
            case REVIEW -> MatchDecision.MATCH_DECISION_REVIEW;
            case AUTO_MERGE -> MatchDecision.MATCH_DECISION_AUTO_MERGE;
        };
    }
}
