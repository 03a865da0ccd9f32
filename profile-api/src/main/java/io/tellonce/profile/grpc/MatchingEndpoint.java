package io.tellonce.profile.grpc;

import io.grpc.stub.StreamObserver;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.matching.FieldContribution;
import io.tellonce.matching.MatchRecord;
import io.tellonce.profile.app.AuditEntry;
import io.tellonce.profile.app.AuditTrail;
import io.tellonce.profile.app.Caller;
import io.tellonce.profile.app.ProfileQueries;
import io.tellonce.profile.matching.FuzzyMatches;
import io.tellonce.profile.matching.MatchPolicy;
import io.tellonce.profile.matching.PersonRecords;
import io.tellonce.proto.v1.FieldEvidence;
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

/** tellonce.v1.MatchingService: maps the wire to fuzzy matching; every candidate shown is an audited read. */
@Singleton
final class MatchingEndpoint extends MatchingServiceGrpc.MatchingServiceImplBase {
    private static final String FIND_RPC = MatchingServiceGrpc.getFindMatchesMethod().getFullMethodName();
    private static final String OBSERVATION = "observation";

    private final CallerTenant tenants;
    private final FindMatchesRequestReader reader;
    private final ProfileLookups lookups;
    private final ProfileQueries profiles;
    private final PersonRecords records;
    private final FuzzyMatches matches;
    private final ProfileMessages messages;
    private final AuditTrail audit;
    private final Replies replies;

    MatchingEndpoint(CallerTenant tenants, FindMatchesRequestReader reader, ProfileLookups lookups,
                     ProfileQueries profiles, PersonRecords records, FuzzyMatches matches, ProfileMessages messages,
                     AuditTrail audit, Replies replies) {
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
        return matches.find(caller.tenant(), probe, self, read.maxResults(), read.minProbability())
                .thenCompose(found -> {
                    List<AuditEntry> entries = new ArrayList<>();
                    self.ifPresent(subject -> entries.add(audit.entry(caller, subject, AuditEntry.Action.READ, FIND_RPC,
                            Optional.empty(), List.of(subject), "fuzzy matches of this profile")));
                    found.matches().forEach(match -> entries.add(audit.entry(caller, match.profile().profileId(),
                            AuditEntry.Action.READ, FIND_RPC, Optional.empty(), List.of(match.profile().profileId()),
                            String.format(Locale.ROOT, "fuzzy match candidate of %s, p=%.6f",
                                    self.map(ProfileId::toString).orElse("an observation"),
                                    match.evidence().probability()))));
                    FindMatchesResponse response = response(found);
                    return entries.isEmpty() ? CompletableFuture.completedFuture(response)
                            : audit.reads(entries, () -> CompletableFuture.completedFuture(response));
                });
    }

    private FindMatchesResponse response(FuzzyMatches.Found found) {
        MatchPolicy policy = found.policy();
        FindMatchesResponse.Builder response = FindMatchesResponse.newBuilder()
                .setReviewThreshold(policy.reviewThreshold())
                .setAutoMergeThreshold(policy.autoMerge() ? policy.autoMergeThreshold() : 0)
                .setModel(found.model());
        for (FuzzyMatches.Match match : found.matches()) {
            MatchCandidate.Builder candidate = MatchCandidate.newBuilder()
                    .setProfileId(match.profile().profileId().toString())
                    .setMatchProbability(match.evidence().probability())
                    .setMatchWeight(match.evidence().weight())
                    .setPriorWeight(match.evidence().priorWeight())
                    .setDecision(decision(match.decision()))
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

    private static MatchDecision decision(MatchPolicy.Decision decision) {
        return switch (decision) {
            case NONE -> MatchDecision.MATCH_DECISION_NONE;
            case REVIEW -> MatchDecision.MATCH_DECISION_REVIEW;
            case AUTO_MERGE -> MatchDecision.MATCH_DECISION_AUTO_MERGE;
        };
    }
}
