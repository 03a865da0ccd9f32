package io.tellonce.profile.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the gRPC status a call fails with, including its google.rpc details. */
public final class Failures {
    private Failures() {
    }

    public static StatusRuntimeException failure(ThrowingCallable call) {
        StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class, call);
        assertThat(failure).as("the call should have failed").isNotNull();
        return failure;
    }

    public static Status.Code code(ThrowingCallable call) {
        return failure(call).getStatus().getCode();
    }

    /** The fields named by the BadRequest detail of an INVALID_ARGUMENT failure. */
    public static List<String> invalidFields(ThrowingCallable call) {
        StatusRuntimeException failure = failure(call);
        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        com.google.rpc.Status status = StatusProto.fromThrowable(failure);
        assertThat(status).isNotNull();
        return status.getDetailsList().stream()
                .filter(detail -> detail.is(BadRequest.class))
                .flatMap(detail -> {
                    try {
                        return detail.unpack(BadRequest.class).getFieldViolationsList().stream();
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new AssertionError(e);
                    }
                })
                .map(BadRequest.FieldViolation::getField)
                .toList();
    }
}
