package io.tellonce.identity;

/**
 * Caller input that cannot be an identifier of its kind.
 *
 * @param part which part of the identifier is wrong: {@code kind}, {@code namespace} or {@code value}
 */
public final class IdentifierRejected extends RuntimeException {
    private final String part;

    public IdentifierRejected(String part, String reason) {
        super(reason, null, false, false);
        this.part = part;
    }

    public String part() {
        return part;
    }

    public String reason() {
        return getMessage();
    }
}
