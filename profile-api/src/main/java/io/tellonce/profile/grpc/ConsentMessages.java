package io.tellonce.profile.grpc;

import com.google.protobuf.Timestamp;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.consent.ConsentChannel;
import io.tellonce.profile.consent.ConsentDecision;
import io.tellonce.profile.consent.ConsentRecord;
import io.tellonce.profile.consent.ConsentStatus;
import io.tellonce.profile.consent.Purpose;
import io.tellonce.proto.v1.ConsentPurpose;
import io.tellonce.proto.v1.ConsentVerdict;
import io.tellonce.proto.v1.DecisionBasis;
import io.tellonce.proto.v1.LegalBasis;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Consent between the wire and the domain: purposes, channels, statuses, records and decisions. */
@Singleton
final class ConsentMessages {
    private final IdentifierMessages identifiers;

    ConsentMessages(IdentifierMessages identifiers) {
        this.identifiers = identifiers;
    }

    /**
     * @param field    the purpose's path, e.g. {@code checks[2].purpose}; the custom name is its sibling
     * @param required whether CONSENT_PURPOSE_UNSPECIFIED is a fault (it is not for reads: no purpose declared)
     */
    Optional<Purpose> purpose(ConsentPurpose purpose, String custom, String field, boolean required,
                              List<FieldViolation> problems) {
        String customField = field.substring(0, field.length() - "purpose".length()) + "custom_purpose";
        if (purpose != ConsentPurpose.CONSENT_PURPOSE_CUSTOM && !custom.isEmpty()) {
            problems.add(new FieldViolation(customField, "must be empty unless purpose is CONSENT_PURPOSE_CUSTOM"));
            return Optional.empty();
        }
        return switch (purpose) {
            case CONSENT_PURPOSE_MARKETING -> Optional.of(Purpose.MARKETING);
            case CONSENT_PURPOSE_PERSONALISATION -> Optional.of(Purpose.PERSONALISATION);
            case CONSENT_PURPOSE_ANALYTICS -> Optional.of(Purpose.ANALYTICS);
            case CONSENT_PURPOSE_PROFILING -> Optional.of(Purpose.PROFILING);
            case CONSENT_PURPOSE_THIRD_PARTY_SHARING -> Optional.of(Purpose.THIRD_PARTY_SHARING);
            case CONSENT_PURPOSE_CUSTOM -> {
                if (!Purpose.isValidCustomName(custom)) {
                    problems.add(new FieldViolation(customField,
                            "must be 1-64 lower-case letters, digits, '-' or '_' for CONSENT_PURPOSE_CUSTOM"));
                    yield Optional.empty();
                }
                yield Optional.of(Purpose.custom(custom));
            }
            case CONSENT_PURPOSE_UNSPECIFIED -> {
                if (required) {
                    problems.add(new FieldViolation(field, "must be one of the ConsentPurpose values other than"
                            + " CONSENT_PURPOSE_UNSPECIFIED"));
                }
                yield Optional.empty();
            }
            case UNRECOGNIZED -> {
                problems.add(new FieldViolation(field, "must be one of the ConsentPurpose values"));
                yield Optional.empty();
            }
        };
    }

    static Optional<ConsentChannel> channel(io.tellonce.proto.v1.ConsentChannel channel, String field,
                                            List<FieldViolation> problems) {
        Optional<ConsentChannel> read = switch (channel) {
            case CONSENT_CHANNEL_EMAIL -> Optional.of(ConsentChannel.EMAIL);
            case CONSENT_CHANNEL_SMS -> Optional.of(ConsentChannel.SMS);
            case CONSENT_CHANNEL_PHONE -> Optional.of(ConsentChannel.PHONE);
            case CONSENT_CHANNEL_PUSH -> Optional.of(ConsentChannel.PUSH);
            case CONSENT_CHANNEL_POST -> Optional.of(ConsentChannel.POST);
            case CONSENT_CHANNEL_ANY -> Optional.of(ConsentChannel.ANY);
            case CONSENT_CHANNEL_UNSPECIFIED, UNRECOGNIZED -> Optional.empty();
        };
        if (read.isEmpty()) {
            problems.add(new FieldViolation(field, "must be one of the ConsentChannel values other than"
                    + " CONSENT_CHANNEL_UNSPECIFIED (CONSENT_CHANNEL_ANY when the purpose contacts nobody)"));
        }
        return read;
    }

    static Optional<ConsentStatus> status(io.tellonce.proto.v1.ConsentStatus status, List<FieldViolation> problems) {
        Optional<ConsentStatus> read = switch (status) {
            case CONSENT_STATUS_GRANTED -> Optional.of(ConsentStatus.GRANTED);
            case CONSENT_STATUS_DENIED -> Optional.of(ConsentStatus.DENIED);
            case CONSENT_STATUS_WITHDRAWN -> Optional.of(ConsentStatus.WITHDRAWN);
            case CONSENT_STATUS_UNSPECIFIED, UNRECOGNIZED -> Optional.empty();
        };
        if (read.isEmpty()) {
            problems.add(new FieldViolation("status", "must be CONSENT_STATUS_GRANTED, CONSENT_STATUS_DENIED"
                    + " or CONSENT_STATUS_WITHDRAWN"));
        }
        return read;
    }

    /** "consent", "legitimate_interests", ... ; "unspecified" when not given. */
    static Optional<String> legalBasis(LegalBasis basis, List<FieldViolation> problems) {
        if (basis == LegalBasis.UNRECOGNIZED) {
            problems.add(new FieldViolation("legal_basis", "must be one of the LegalBasis values"));
            return Optional.empty();
        }
        return Optional.of(basis.name().substring("LEGAL_BASIS_".length()).toLowerCase(Locale.ROOT));
    }

    ConsentPurpose purpose(Purpose purpose) {
        return switch (purpose.customName().isPresent() ? "custom" : purpose.storageName()) {
            case "marketing" -> ConsentPurpose.CONSENT_PURPOSE_MARKETING;
            case "personalisation" -> ConsentPurpose.CONSENT_PURPOSE_PERSONALISATION;
            case "analytics" -> ConsentPurpose.CONSENT_PURPOSE_ANALYTICS;
            case "profiling" -> ConsentPurpose.CONSENT_PURPOSE_PROFILING;
            case "third_party_sharing" -> ConsentPurpose.CONSENT_PURPOSE_THIRD_PARTY_SHARING;
            default -> ConsentPurpose.CONSENT_PURPOSE_CUSTOM;
        };
    }

    io.tellonce.proto.v1.ConsentRecord write(ConsentRecord record) {
        io.tellonce.proto.v1.ConsentRecord.Builder wire = io.tellonce.proto.v1.ConsentRecord.newBuilder()
                .setRecordId(record.recordId().toString())
                .setNodeId(record.node().toString())
                .setPurpose(purpose(record.purpose()))
                .setCustomPurpose(record.purpose().customName().orElse(""))
                .setChannel(io.tellonce.proto.v1.ConsentChannel.valueOf("CONSENT_CHANNEL_" + record.channel().name()))
                .setStatus(io.tellonce.proto.v1.ConsentStatus.valueOf("CONSENT_STATUS_" + record.status().name()))
                .setLegalBasis(legalBasis(record.legalBasis()))
                .setSourceSystem(record.sourceSystem())
                .setActor(record.actor())
                .setCaptureTime(WireTime.of(record.capturedAt()))
                .setPolicyVersion(record.policyVersion())
                .setEvidence(record.evidence())
                .setRecordTime(WireTime.of(record.recordedAt()));
        record.scope().ifPresent(scope -> wire.setIdentifier(identifiers.write(scope)));
        record.expiresAt().ifPresent(expiry -> wire.setExpireTime(WireTime.of(expiry)));
        return wire.build();
    }

    private static LegalBasis legalBasis(String stored) {
        try {
            return LegalBasis.valueOf("LEGAL_BASIS_" + stored.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return LegalBasis.LEGAL_BASIS_UNSPECIFIED;
        }
    }

    io.tellonce.proto.v1.ConsentDecision write(ConsentDecision decision) {
        io.tellonce.proto.v1.ConsentDecision.Builder wire = io.tellonce.proto.v1.ConsentDecision.newBuilder()
                .setVerdict(decision.allowed() ? ConsentVerdict.CONSENT_VERDICT_ALLOW : ConsentVerdict.CONSENT_VERDICT_DENY)
                .setBasis(switch (decision.basis()) {
                    case GRANTED -> DecisionBasis.DECISION_BASIS_GRANTED;
                    case REFUSED -> DecisionBasis.DECISION_BASIS_REFUSED;
                    case EXPIRED -> DecisionBasis.DECISION_BASIS_EXPIRED;
                    case DEFAULT -> DecisionBasis.DECISION_BASIS_DEFAULT;
                    case NO_PROFILE -> DecisionBasis.DECISION_BASIS_NO_PROFILE;
                })
                .setReason(decision.reason());
        decision.record().ifPresent(record -> wire.setRecord(write(record)));
        return wire.build();
    }

    /** A timestamp from the wire, or a fault named for the field. */
    static Optional<Instant> time(Timestamp at, String field, List<FieldViolation> problems) {
        return RequestFields.time(true, at, field, problems);
    }
}
