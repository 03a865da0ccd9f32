package io.tellonce.profile.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.app.ProfileQueries;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.GetProfileResponse;
import io.tellonce.proto.v1.Profile;
import io.tellonce.proto.v1.ProfileIdentifier;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** tellonce.v1.ProfileService: maps the wire to profile queries and back. */
@Singleton
final class ProfileEndpoint extends ProfileServiceGrpc.ProfileServiceImplBase {
    private final CallerTenant tenants;
    private final IdentifierMessages identifiers;
    private final ProfileQueries profiles;
    private final Replies replies;

    ProfileEndpoint(CallerTenant tenants, IdentifierMessages identifiers, ProfileQueries profiles, Replies replies) {
        this.tenants = tenants;
        this.identifiers = identifiers;
        this.profiles = profiles;
        this.replies = replies;
    }

    @Override
    public void getProfile(GetProfileRequest request, StreamObserver<GetProfileResponse> responses) {
        replies.reply(responses, () -> find(tenants.current(), request.getLookup())
                .thenApply(view -> GetProfileResponse.newBuilder().setProfile(profile(view)).build()));
    }

    private CompletionStage<ProfileView> find(TenantId tenant, ProfileLookup lookup) {
        return switch (lookup.getTargetCase()) {
            case PROFILE_ID -> profiles.byId(tenant, profileId(lookup.getProfileId(), "lookup.profile_id"));
            case IDENTIFIER -> {
                List<FieldViolation> problems = new ArrayList<>();
                Identifier identifier = identifiers.read(lookup.getIdentifier(), "lookup.identifier", problems)
                        .orElseThrow(() -> new InvalidRequest(problems));
                yield profiles.byIdentifier(tenant, identifier);
            }
            case TARGET_NOT_SET -> throw new InvalidRequest("lookup", "must name a profile_id or an identifier");
        };
    }

    static ProfileId profileId(String text, String field) {
        try {
            return ProfileId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(field, "must be a profile id as returned by Resolve (a UUID)");
        }
    }

    private Profile profile(ProfileView view) {
        Profile.Builder profile = Profile.newBuilder()
                .setProfileId(view.profileId().toString())
                .setAttributes(AttributeCodec.write(view.attributes()))
                .setCreateTime(timestamp(view.createdAt()))
                .setUpdateTime(timestamp(view.updatedAt()));
        view.identifiers().forEach(listed -> profile.addIdentifiers(ProfileIdentifier.newBuilder()
                .setIdentifier(identifiers.write(listed.identifier()))
                .setSourceSystem(listed.sourceSystem())
                .setFirstSeenTime(timestamp(listed.firstSeenAt()))));
        return profile.build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
