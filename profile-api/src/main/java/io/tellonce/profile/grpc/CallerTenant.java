package io.tellonce.profile.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;

/**
 * The tenant of the current call, taken from the {@code x-tenant-id} metadata entry of every
 * tellonce call (health and reflection need none). Calls without a valid one are refused before
 * they reach an endpoint.
 */
@Singleton
public final class CallerTenant implements ServerInterceptor {
    public static final String HEADER = "x-tenant-id";
    private static final Metadata.Key<String> TENANT_HEADER = Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);
    private static final String TELLONCE_SERVICES = "tellonce.";

    private final Context.Key<TenantId> tenant = Context.key("tellonce-tenant");

    /** The tenant of the call being served; only valid inside an endpoint method. */
    public TenantId current() {
        TenantId current = tenant.get();
        if (current == null) {
            throw new IllegalStateException("no tenant in the call context: is the interceptor installed?");
        }
        return current;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                      ServerCallHandler<Q, A> next) {
        if (!call.getMethodDescriptor().getFullMethodName().startsWith(TELLONCE_SERVICES)) {
            return next.startCall(call, headers);
        }
        String value = headers.get(TENANT_HEADER);
        if (!TenantId.isValid(value)) {
            StatusRuntimeException refused = refusal(value == null
                    ? "is required: send the tenant id in the x-tenant-id metadata entry"
                    : "must be 1-63 lower-case letters, digits, '-' or '_', starting with a letter or digit");
            call.close(refused.getStatus(), refused.getTrailers());
            return new ServerCall.Listener<>() {
            };
        }
        Context context = Context.current().withValue(tenant, new TenantId(value));
        return Contexts.interceptCall(context, call, headers, next);
    }

    private static StatusRuntimeException refusal(String description) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(HEADER + " " + description)
                .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField(HEADER).setDescription(description)).build()))
                .build());
    }
}
