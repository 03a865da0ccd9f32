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
import io.tellonce.profile.app.Caller;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;

/**
 * The tenant of the current call, taken from the {@code x-tenant-id} metadata entry of every
 * tellonce call (health and reflection need none). Calls without a valid one are refused before
 * they reach an endpoint. Also the actor and role recorded in the audit ({@code x-actor-id},
 * {@code x-caller-role}; "anonymous" and "unspecified" when absent): the one place the security
 * issue replaces with verified credentials.
 */
@Singleton
public final class CallerTenant implements ServerInterceptor {
    public static final String HEADER = "x-tenant-id";
    private static final Metadata.Key<String> TENANT_HEADER = Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);
    public static final String ACTOR_HEADER = "x-actor-id";
    public static final String ROLE_HEADER = "x-caller-role";
    private static final Metadata.Key<String> ACTOR = Metadata.Key.of(ACTOR_HEADER, Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> ROLE = Metadata.Key.of(ROLE_HEADER, Metadata.ASCII_STRING_MARSHALLER);
    private static final Pattern ACTOR_FORMAT = Pattern.compile("^[\\x21-\\x7e]{1,128}$");
    private static final Pattern ROLE_FORMAT = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");
    private static final String TELLONCE_SERVICES = "tellonce.";

    private final Context.Key<TenantId> tenant = Context.key("tellonce-tenant");
    private final Context.Key<Caller> caller = Context.key("tellonce-caller");

    /** The tenant of the call being served; only valid inside an endpoint method. */
    public TenantId current() {
        TenantId current = tenant.get();
        if (current == null) {
            throw new IllegalStateException("no tenant in the call context: is the interceptor installed?");
        }
        return current;
    }

    /** Who is calling, for the audit; only valid inside an endpoint method. */
    public Caller caller() {
        Caller current = caller.get();
        if (current == null) {
            throw new IllegalStateException("no caller in the call context: is the interceptor installed?");
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
            return refuse(call, HEADER, value == null
                    ? "is required: send the tenant id in the x-tenant-id metadata entry"
                    : "must be 1-63 lower-case letters, digits, '-' or '_', starting with a letter or digit");
        }
        String actor = headers.get(ACTOR);
        if (actor != null && !ACTOR_FORMAT.matcher(actor).matches()) {
            return refuse(call, ACTOR_HEADER, "must be 1-128 printable ASCII characters without spaces");
        }
        String role = headers.get(ROLE);
        if (role != null && !ROLE_FORMAT.matcher(role).matches()) {
            return refuse(call, ROLE_HEADER, "must be 1-64 lower-case letters, digits, '-' or '_'");
        }
        TenantId callerTenant = new TenantId(value);
        Context context = Context.current().withValue(tenant, callerTenant).withValue(caller, new Caller(callerTenant,
                actor == null ? Caller.ANONYMOUS : actor, role == null ? Caller.UNSPECIFIED_ROLE : role));
        return Contexts.interceptCall(context, call, headers, next);
    }

    private static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, String header, String description) {
        StatusRuntimeException refused = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(header + " " + description)
                .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                        .setField(header).setDescription(description)).build()))
                .build());
        call.close(refused.getStatus(), refused.getTrailers());
        return new ServerCall.Listener<>() {
        };
    }
}
