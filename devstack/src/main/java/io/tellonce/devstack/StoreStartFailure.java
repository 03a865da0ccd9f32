package io.tellonce.devstack;

/** A store did not start or did not become ready; the message says why and where its log is. */
public final class StoreStartFailure extends RuntimeException {

    public StoreStartFailure(String message) {
        super(message);
    }

    public StoreStartFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
