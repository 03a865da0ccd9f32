package io.tellonce.profile.grpc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCall;
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
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.security.AuthenticatedCaller;
import java.io.InputStream;
import java.util.List;

/**
 * Where every request enters: one whose bytes are not a valid message of the RPC's type, or whose
 * fields exceed the contract's bounds ({@link RequestBounds}), is answered INVALID_ARGUMENT before
 * the endpoint sees it, so no endpoint ever trims, normalises or matches a pattern over unbounded
 * text. Page tokens are opened here and next page tokens sealed here ({@link PageTokenSeal}), for
 * every RPC whose request has a {@code page_token}, so an endpoint only ever sees positions it issued. grpc-java would answer a parse failure UNKNOWN ("Application error processing RPC") because it
 * parses before any interceptor runs; here the parse failure becomes a null message that the method's
 * own listener turns into a clear refusal.
 */
final class RequestGate {
    private final RequestBounds bounds;
    private final FailureStatus failures;

    private final PageTokenSeal seal;
    private final CallerTenant callers;

    RequestGate(RequestBounds bounds, FailureStatus failures, PageTokenSeal seal, CallerTenant callers) {
        this.bounds = bounds;
        this.failures = failures;
        this.seal = seal;
        this.callers = callers;
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
        boolean paged = original.getSchemaDescriptor() instanceof ProtoMethodDescriptorSupplier schema
                && PageTokenSeal.pages(schema.getMethodDescriptor().getInputType());
        return ServerMethodDefinition.create(lenient, (call, headers) -> {
            if (!paged) {
                return new Refusing<>(handler.startCall(call, headers), call, null);
            }
            // The caller is in the context while the call starts: CallerAuthentication put it there.
            Sealing<Q, A> sealing = new Sealing<>(call, callers.authenticated());
            return new Refusing<>(handler.startCall(sealing, headers), call, sealing);
        });
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
        private final Sealing<Q, A> sealing;
        private boolean refused;

        /** @param sealing the call's answers on their way out, for an RPC that pages; null for others */
        Refusing(ServerCall.Listener<Q> delegate, ServerCall<Q, A> call, Sealing<Q, A> sealing) {
            super(delegate);
            this.call = call;
            this.sealing = sealing;
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
            if (!(message instanceof Message request)) {
                super.onMessage(message);
                return;
            }
            List<FieldViolation> oversized = bounds.violations(request);
            if (!oversized.isEmpty()) {
                refuse(new InvalidRequest(oversized));
                return;
            }
            if (sealing == null) {
                super.onMessage(message);
                return;
            }
            sealing.answering(request);
            FieldDescriptor tokenField = request.getDescriptorForType().findFieldByName(PageTokenSeal.TOKEN_FIELD);
            String token = (String) request.getField(tokenField);
            if (token.isEmpty()) {
                super.onMessage(message);
                return;
            }
            String position;
            try {
                position = seal.open(call.getMethodDescriptor().getFullMethodName(), sealing.caller, request, token);
            } catch (InvalidRequest forged) {
                refuse(forged);
                return;
            }
            @SuppressWarnings("unchecked")
            Q opened = (Q) request.toBuilder().setField(tokenField, position).build();
            super.onMessage(opened);
        }

        private void refuse(InvalidRequest invalid) {
            refused = true;
            StatusRuntimeException status = failures.of(invalid);
            call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
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

    /** Seals the next page token of each answer for the request it answers (see {@link PageTokenSeal}). */
    private final class Sealing<Q, A> extends ForwardingServerCall.SimpleForwardingServerCall<Q, A> {
        private final AuthenticatedCaller caller;
        private volatile Message request;

        Sealing(ServerCall<Q, A> call, AuthenticatedCaller caller) {
            super(call);
            this.caller = caller;
        }

        void answering(Message request) {
            this.request = request;
        }

        @Override
        public void sendMessage(A message) {
            if (message instanceof Message answer && request != null) {
                FieldDescriptor next = answer.getDescriptorForType().findFieldByName(PageTokenSeal.NEXT_TOKEN_FIELD);
                String position = next == null ? "" : (String) answer.getField(next);
                if (!position.isEmpty()) {
                    @SuppressWarnings("unchecked")
                    A sealed = (A) answer.toBuilder().setField(next, seal.issue(getMethodDescriptor().getFullMethodName(),
                            caller, request, position)).build();
                    super.sendMessage(sealed);
                    return;
                }
            }
            super.sendMessage(message);
        }
    }
}
