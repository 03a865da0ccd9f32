package io.tellonce.profile.grpc;

import io.tellonce.profile.app.ProfileView;
import io.tellonce.proto.v1.Profile;
import jakarta.inject.Singleton;

/** Profiles as wire messages. */
@Singleton
final class ProfileMessages {
    private final IdentifierMessages identifiers;

    ProfileMessages(IdentifierMessages identifiers) {
        this.identifiers = identifiers;
    }

    Profile write(ProfileView view) {
        Profile.Builder profile = Profile.newBuilder()
                .setProfileId(view.profileId().toString())
                .setAttributes(AttributeCodec.write(view.attributes()))
                .setCreateTime(WireTime.of(view.createdAt()))
                .setUpdateTime(WireTime.of(view.updatedAt()));
        view.identifiers().forEach(listed -> profile.addIdentifiers(identifiers.write(listed)));
        return profile.build();
    }
}
