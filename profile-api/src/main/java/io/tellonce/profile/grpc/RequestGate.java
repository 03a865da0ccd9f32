package io.tellonce.profile.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import java.io.InputStream;
import java.util.List;

/**
 * Where every request enters: one whose bytes are not a valid message of the RPC's type, or whose
 * fields exceed the contract's bounds ({@link RequestBounds}), is answered INVALID_ARGUMENT before
 * the endpoint sees it, so no endpoint ever trims, normalises or matches a pattern over unbounded
 * text. grpc-java would answer a parse failure UNKNOWN ("Application error processing RPC") because it
 * parses before any interceptor runs; here the parse failure becomes a null message that the method's
 * own listener turns into a clear refusal.
 */
final class RequestGate {
    private final RequestBounds bounds;
    private final FailureStatus failures;

    RequestGate(RequestBounds bounds, FailureStatus failures) {
        this.bounds = bounds;
        this.failures = failures;
    }

    ServerServiceDefinition guard(ServerServiceDefinition service) {
        ServiceDescriptor original = service.getServiceDescriptor();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        java.util.List<ServerMethodDefinition<?, ?>> methods = service.getMethods().stream()
                .<ServerMethodDefinition<?, ?>>map(this::guarded).toList();
        methods.forEach(method -> descriptor.addMethod(method.getMethodDescriptor()));
        ServerServiceDefinition.Builder guarded = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(guarded::addMethod);
        return guarded.build();
    }

    private <Q, A> ServerMethodDefinition<Q, A> guarded(ServerMethodDefinition<Q, A> method) {
        MethodDescriptor<Q, A> original = method.getMethodDescriptor();
        MethodDescriptor<Q, A> lenient = original.toBuilder()
                .setRequestMarshaller(new NullWhenMalformed<>(original.getRequestMarshaller())).build();
        ServerCallHandler<Q, A> handler = method.getServerCallHandler();
        return ServerMethodDefinition.create(lenient, (call, headers) -> new Refusing<>(handler.startCall(call, headers), call));
    }

    private record NullWhenMalformed<T>(MethodDescriptor.Marshaller<T> parser) implements MethodDescriptor.Marshaller<T> {
        @Override
        public InputStream stream(T value) {
            return parser.stream(value);
        }

        @Override
        public T parse(InputStream stream) {
            try {
                return parser.parse(stream);
            } catch (RuntimeException malformed) {
                return null;
            }
        }
    }

    private final class Refusing<Q, A> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final ServerCall<Q, A> call;
        private boolean refused;

        Refusing(ServerCall.Listener<Q> delegate, ServerCall<Q, A> call) {
            super(delegate);
            this.call = call;
        }

        @Override
        public void onMessage(Q message) {
            if (refused) {
                return;
            }
            if (message == null) {
                refused = true;
                call.close(Status.INVALID_ARGUMENT.withDescription("the request is not a valid "
                        + call.getMethodDescriptor().getFullMethodName() + " request message"), new Metadata());
                return;
            }
            List<FieldViolation> oversized = message instanceof com.google.protobuf.Message request
                    ? bounds.violations(request) : List.of();
            if (!oversized.isEmpty()) {
                refused = true;
                StatusRuntimeException status = failures.of(new InvalidRequest(oversized));
                call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
                return;
            }
            super.onMessage(message);
        }

        @Override
        public void onHalfClose() {
            if (!refused) {
                super.onHalfClose();
            }
        }

        @Override
        public void onReady() {
            if (!refused) {
                super.onReady();
            }
        }
    }
}
