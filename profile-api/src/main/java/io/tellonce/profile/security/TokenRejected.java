package io.tellonce.profile.security;

/** An access token that does not prove who is calling; the message says why, for the caller. */
public final class TokenRejected extends Exception {
    public TokenRejected(String reason) {
        super(reason);
    }

    public TokenRejected(String reason, Throwable cause) {
        super(reason, cause);
    }
}
