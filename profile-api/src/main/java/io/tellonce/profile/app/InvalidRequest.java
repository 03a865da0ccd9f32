package io.tellonce.profile.app;

import java.util.List;
import java.util.stream.Collectors;

/** The request cannot be served as sent; nothing was written. */
public final class InvalidRequest extends RuntimeException {
    private final List<FieldViolation> violations;

    public InvalidRequest(List<FieldViolation> violations) {
        super(violations.stream().map(v -> v.field() + " " + v.description()).collect(Collectors.joining("; ")),
                null, false, false);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public InvalidRequest(String field, String description) {
        this(List.of(new FieldViolation(field, description)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
