package io.tellonce.profile.grpc;

import io.grpc.stub.StreamObserver;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.ProfileQueries;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.GetProfileResponse;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import jakarta.inject.Singleton;

/** tellonce.v1.ProfileService: maps the wire to profile queries and back. */
@Singleton
final class ProfileEndpoint extends ProfileServiceGrpc.ProfileServiceImplBase {
    private final CallerTenant tenants;
    private final ProfileMessages messages;
    private final ProfileLookups lookups;
    private final ProfileQueries profiles;
    private final Replies replies;

    ProfileEndpoint(CallerTenant tenants, ProfileMessages messages, ProfileLookups lookups,
                    ProfileQueries profiles, Replies replies) {
        this.tenants = tenants;
        this.messages = messages;
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
                    .thenApply(view -> GetProfileResponse.newBuilder().setProfile(messages.write(view)).build());
        });
    }
}
