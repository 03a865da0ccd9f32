package io.tellonce.profile.grpc;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.IdentifierNormaliser;
import io.tellonce.identity.IdentifierRejected;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.proto.v1.ProfileIdentifier;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Identifiers between the wire and the domain: caller input is normalised, or its fault named. */
@Singleton
final class IdentifierMessages {
    private final IdentifierNormaliser normaliser;

    IdentifierMessages(IdentifierNormaliser normaliser) {
        this.normaliser = normaliser;
    }

    /**
     * @param field    the path of this identifier in the request, e.g. {@code identifiers[2]}
     * @param problems where a fault is added when the identifier is not valid
     */
    Optional<Identifier> read(io.tellonce.proto.v1.Identifier message, String field, List<FieldViolation> problems) {
        Optional<IdentifierKind> kind = kind(message.getKind());
        if (kind.isEmpty()) {
            problems.add(new FieldViolation(field + ".kind",
                    "must be one of the IdentifierKind values other than IDENTIFIER_KIND_UNSPECIFIED"));
            return Optional.empty();
        }
        try {
            return Optional.of(normaliser.normalise(kind.get(), message.getNamespace(), message.getValue()));
        } catch (IdentifierRejected rejected) {
            problems.add(new FieldViolation(field + "." + rejected.part(), rejected.reason()));
            return Optional.empty();
        }
    }

    io.tellonce.proto.v1.Identifier write(Identifier identifier) {
        return io.tellonce.proto.v1.Identifier.newBuilder()
                .setKind(kind(identifier.kind()))
                .setNamespace(identifier.namespace())
                .setValue(identifier.value())
                .build();
    }

    ProfileIdentifier write(ProfileView.ListedIdentifier listed) {
        ProfileIdentifier.Builder message = ProfileIdentifier.newBuilder()
                .setIdentifier(write(listed.identifier()))
                .setSourceSystem(listed.sourceSystem())
                .setFirstSeenTime(WireTime.of(listed.firstSeenAt()))
                .setEvidence(listed.evidence());
        listed.sharedSince().ifPresent(since -> message.setSharedTime(WireTime.of(since)));
        return message.build();
    }

    private static Optional<IdentifierKind> kind(io.tellonce.proto.v1.IdentifierKind kind) {
        return Optional.ofNullable(switch (kind) {
            case IDENTIFIER_KIND_EMAIL -> IdentifierKind.EMAIL;
            case IDENTIFIER_KIND_PHONE -> IdentifierKind.PHONE;
            case IDENTIFIER_KIND_CRM_ID -> IdentifierKind.CRM_ID;
            case IDENTIFIER_KIND_ACCOUNT_NUMBER -> IdentifierKind.ACCOUNT_NUMBER;
            case IDENTIFIER_KIND_LOYALTY_ID -> IdentifierKind.LOYALTY_ID;
            case IDENTIFIER_KIND_DEVICE_ID -> IdentifierKind.DEVICE_ID;
            case IDENTIFIER_KIND_COOKIE_ID -> IdentifierKind.COOKIE_ID;
            case IDENTIFIER_KIND_CHANNEL_HANDLE -> IdentifierKind.CHANNEL_HANDLE;
            case IDENTIFIER_KIND_SOCIAL_HANDLE -> IdentifierKind.SOCIAL_HANDLE;
            case IDENTIFIER_KIND_CUSTOM -> IdentifierKind.CUSTOM;
            case IDENTIFIER_KIND_UNSPECIFIED, UNRECOGNIZED -> null;
        });
    }

    private static io.tellonce.proto.v1.IdentifierKind kind(IdentifierKind kind) {
        return switch (kind) {
            case EMAIL -> io.tellonce.proto.v1.IdentifierKind.IDENTIFIER_KIND_EMAIL;
            case PHONE -> io.tellonce.proto.v1.IdentifierKind.IDENTIFIER_KIND_PHONE;
            case CRM_ID -> io.tellonce.proto.v1.IdentifierKind.IDENTIFIER_KIND_CRM_ID;
            case ACCOUNT_NUMBER -> io.tellonce.proto.v1.IdentifierKind.IDENTIFIER_KIND_ACCOUNT_NUMBER;
            case LOYALTY_ID -> io.tellonce.proto.v1.IdentifierKind.IDENTIFIER_KIND_LOYALTY_ID;
            case DEVICE_ID -> io.tellonce.proto.v1.IdentifierKind.IDENTIFIER_KIND_DEVICE_ID;
            case COOKIE_ID -> io.tellonce.proto.v1.IdentifierKind.IDENTIFIER_KIND_COOKIE_ID;
            case CHANNEL_HANDLE -> io.tellonce.proto.v1.IdentifierKind.IDENTIFIER_KIND_CHANNEL_HANDLE;
            case SOCIAL_HANDLE -> io.tellonce.proto.v1.IdentifierKind.IDENTIFIER_KIND_SOCIAL_HANDLE;
            case CUSTOM -> io.tellonce.proto.v1.IdentifierKind.IDENTIFIER_KIND_CUSTOM;
        };
    }
}
