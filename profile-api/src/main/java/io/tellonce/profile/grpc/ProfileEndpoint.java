package io.tellonce.profile.grpc;

import io.grpc.stub.StreamObserver;
import io.tellonce.identity.Identifier;
import io.tellonce.profile.app.AuditTrail;
import io.tellonce.profile.app.Caller;
import io.tellonce.profile.app.ConsentedAttributes;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.app.PersonLookup;
import io.tellonce.profile.app.PurposeReads;
import io.tellonce.profile.consent.Purpose;
import io.tellonce.profile.security.ReadPurposes;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.GetProfileResponse;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.WithheldField;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** tellonce.v1.ProfileService: maps the wire to purpose-aware profile reads and back; every read is audited. */
@Singleton
final class ProfileEndpoint extends ProfileServiceGrpc.ProfileServiceImplBase {
    private static final String GET_PROFILE = ProfileServiceGrpc.getGetProfileMethod().getFullMethodName();

    private final CallerTenant tenants;
    private final ProfileMessages messages;
    private final ProfileLookups lookups;
    private final PurposeReads reads;
    private final ReadPurposes purposes;
    private final ConsentMessages consent;
    private final AuditTrail audit;
    private final Replies replies;

    ProfileEndpoint(CallerTenant tenants, ProfileMessages messages, ProfileLookups lookups, PurposeReads reads,
                    ConsentMessages consent, AuditTrail audit, Replies replies, ReadPurposes purposes) {
        this.tenants = tenants;
        this.messages = messages;
        this.lookups = lookups;
        this.reads = reads;
        this.consent = consent;
        this.audit = audit;
        this.replies = replies;
        this.purposes = purposes;
    }

    @Override
    public void getProfile(GetProfileRequest request, StreamObserver<GetProfileResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = tenants.caller();
            List<FieldViolation> problems = new ArrayList<>();
            Optional<PersonLookup> lookup = lookups.read(request.getLookup(), "lookup", problems);
            Optional<Purpose> purpose = purposes.effective(tenants.authenticated(), consent.purpose(
                    request.getPurpose(), request.getCustomPurpose(), "purpose", false, problems));
            if (!problems.isEmpty()) {
                throw new InvalidRequest(problems);
            }
            Optional<Identifier> supplied = lookup.orElseThrow().identifier();
            return lookups.find(caller.tenant(), request.getLookup())
                    .thenCompose(node -> audit.read(caller, GET_PROFILE, node, purpose,
                            purpose.map(p -> "read for " + p.words()).orElse("read, no purpose declared"),
                            () -> reads.profile(caller.tenant(), node, supplied, purpose)))
                    .thenApply(this::response);
        });
    }

    private GetProfileResponse response(ConsentedAttributes.ConsentedProfile read) {
        GetProfileResponse.Builder response = GetProfileResponse.newBuilder().setProfile(messages.write(read.view()));
        read.withheld().forEach(withheld -> response.addWithheld(WithheldField.newBuilder()
                .setField(withheld.field()).setReason(withheld.reason())));
        read.decision().ifPresent(decision -> response.setDecision(consent.write(decision)));
        return response.build();
    }
}
