package io.tellonce.profile.grpc;

import com.google.protobuf.ProtocolMessageEnum;
import com.google.protobuf.Timestamp;
import io.tellonce.profile.app.FieldViolation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks of single request fields that add what is wrong to a list of problems instead of failing
 * at the first, so that one answer names every offending field.
 */
final class RequestFields {
    private RequestFields() {
    }

    /**
     * The text stripped; a problem when required and empty, or holding control characters. Its length
     * is the contract's bound, checked before the request got here (RequestBounds).
     */
    static String text(String value, String field, boolean required, List<FieldViolation> problems) {
        String stripped = value.strip();
        if (required && stripped.isEmpty()) {
            problems.add(new FieldViolation(field, "is required"));
        } else if (stripped.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            problems.add(new FieldViolation(field, "must not contain control characters"));
        }
        return stripped;
    }

    static Optional<UUID> uuid(String value, String field, String what, List<FieldViolation> problems) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldViolation(field, "must be " + what + " (a UUID)"));
            return Optional.empty();
        }
    }

    /** A time as storage keeps it (milliseconds); a problem when it is not a valid time after 1970. */
    static Optional<Instant> time(boolean present, Timestamp at, String field, List<FieldViolation> problems) {
        if (!present) {
            return Optional.empty();
        }
        if (at.getSeconds() < 0 || at.getNanos() < 0 || at.getNanos() > 999_999_999
                || at.getSeconds() > Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()) {
            problems.add(new FieldViolation(field, "must be a valid time after 1970-01-01"));
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(at.getSeconds(), at.getNanos()).truncatedTo(ChronoUnit.MILLIS));
    }

    /** A page size: {@code fallback} when zero; a problem outside 1..max. */
    static int pageSize(int requested, String field, int fallback, int max, List<FieldViolation> problems) {
        if (requested == 0) {
            return fallback;
        }
        if (requested < 0 || requested > max) {
            problems.add(new FieldViolation(field, "must be 1 to " + max + ", or 0 for " + fallback));
            return fallback;
        }
        return requested;
    }

    /**
     * The domain value of a wire enum value, by name without the wire prefix; empty for values the
     * domain does not have (UNSPECIFIED where the domain has none, numbers unknown to this version).
     */
    static <W extends Enum<W> & ProtocolMessageEnum, D extends Enum<D>> Optional<D> domain(W wire, String prefix,
                                                                                       Class<D> type) {
        if (!wire.name().startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, wire.name().substring(prefix.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The wire value of a domain enum value of the same name. */
    static <W extends Enum<W>> W wire(Enum<?> domain, String prefix, Class<W> type) {
        return Enum.valueOf(type, prefix + domain.name());
    }
}
