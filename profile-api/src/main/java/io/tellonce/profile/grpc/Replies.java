package io.tellonce.profile.grpc;

import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Completes a unary call from an asynchronous answer; every failure goes through {@link FailureStatus}. */
@Singleton
final class Replies {
    private final FailureStatus failures;

    Replies(FailureStatus failures) {
        this.failures = failures;
    }

    <T> void reply(StreamObserver<T> observer, Supplier<CompletionStage<T>> answer) {
        CompletionStage<T> pending;
        try {
            pending = answer.get();
        } catch (RuntimeException e) {
            observer.onError(failures.of(e));
            return;
        }
        pending.whenComplete((value, failure) -> {
            if (failure != null) {
                observer.onError(failures.of(failure));
            } else {
                observer.onNext(value);
                observer.onCompleted();
            }
        });
    }
}
