package io.tellonce.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailureCodesTest {
    @Test
    void aGrpcFailureIsNamedByItsStatusCodeEvenWhenWrapped() {
        assertThat(FailureCodes.of(new CompletionException(Status.UNAVAILABLE.asRuntimeException()))).isEqualTo("UNAVAILABLE");
        assertThat(FailureCodes.of(Status.UNKNOWN.asRuntimeException())).isEqualTo("UNKNOWN");
    }

    @Test
    void anyOtherFailureIsNamedByItsClass() {
        assertThat(FailureCodes.of(new CompletionException(new IllegalStateException("x")))).isEqualTo("IllegalStateException");
    }
}
