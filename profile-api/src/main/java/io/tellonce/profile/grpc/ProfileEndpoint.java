package io.tellonce.profile.grpc;

import io.grpc.stub.StreamObserver;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.ProfileQueries;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.GetProfileResponse;
import io.tellonce.proto.v1.Profile;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import jakarta.inject.Singleton;

/** tellonce.v1.ProfileService: maps the wire to profile queries and back. */
@Singleton
final class ProfileEndpoint extends ProfileServiceGrpc.ProfileServiceImplBase {
    private final CallerTenant tenants;
    private final IdentifierMessages identifiers;
    private final ProfileLookups lookups;
    private final ProfileQueries profiles;
    private final Replies replies;

    ProfileEndpoint(CallerTenant tenants, IdentifierMessages identifiers, ProfileLookups lookups,
                    ProfileQueries profiles, Replies replies) {
        this.tenants = tenants;
        this.identifiers = identifiers;
        this.lookups = lookups;
        this.profiles = profiles;
        this.replies = replies;
    }

    @Override
    public void getProfile(GetProfileRequest request, StreamObserver<GetProfileResponse> responses) {
        replies.reply(responses, () -> {
            TenantId tenant = tenants.current();
            return lookups.find(tenant, request.getLookup())
                    .thenCompose(profileId -> profiles.byId(tenant, profileId))
                    .thenApply(view -> GetProfileResponse.newBuilder().setProfile(profile(view)).build());
        });
    }

    private Profile profile(ProfileView view) {
        Profile.Builder profile = Profile.newBuilder()
                .setProfileId(view.profileId().toString())
                .setAttributes(AttributeCodec.write(view.attributes()))
                .setCreateTime(WireTime.of(view.createdAt()))
                .setUpdateTime(WireTime.of(view.updatedAt()));
        view.identifiers().forEach(listed -> profile.addIdentifiers(identifiers.write(listed)));
        return profile.build();
    }
}
