package io.tellonce.bench.load;

import io.grpc.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Names a failure for the error table: the gRPC status code, else the exception's simple name. */
public final class FailureCodes {
    private FailureCodes() {
    }

    public static String of(Throwable failure) {
        Throwable cause = unwrap(failure);
        Status status = Status.fromThrowable(cause);
        if (status.getCode() != Status.Code.UNKNOWN || cause instanceof io.grpc.StatusRuntimeException
                || cause instanceof io.grpc.StatusException) {
            return status.getCode().name();
        }
        return cause.getClass().getSimpleName();
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
