package io.tellonce.profile.grpc;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.tellonce.profile.config.SecuritySettings;
import io.tellonce.profile.security.AccessTokens;
import io.tellonce.profile.security.AuthenticatedCaller;
import io.tellonce.profile.security.CallerRateLimits;
import io.tellonce.profile.security.CallerRole;
import io.tellonce.profile.security.ResponseRedaction;
import io.tellonce.profile.security.RpcPermissions;
import io.tellonce.profile.security.TokenRejected;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The gate every call passes (ADR 17): a verified bearer token, the tenant taken from it, the roles
 * the RPC allows, the caller's rate limit, and redaction of what goes back by role. Health and
 * reflection stay open unless configured otherwise.
 */
@Singleton
final class CallerAuthentication implements ServerInterceptor {
    static final String AUTHORIZATION = "authorization";
    private static final Metadata.Key<String> AUTHORIZATION_HEADER =
            Metadata.Key.of(AUTHORIZATION, Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TENANT_HEADER = Metadata.Key.of("x-tenant-id", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "bearer ";
    private static final String TELLONCE_SERVICES = "tellonce.";
    private static final String REFLECTION_SERVICES = "grpc.reflection.";
    private static final String DOMAIN = "tellonce.io";

    private final AccessTokens tokens;
    private final RpcPermissions permissions;
    private final CallerRateLimits rateLimits;
    private final ResponseRedaction redaction;
    private final CallerTenant callers;
    private final SecuritySettings settings;

    CallerAuthentication(AccessTokens tokens, RpcPermissions permissions, CallerRateLimits rateLimits,
                         ResponseRedaction redaction, CallerTenant callers, SecuritySettings settings,
                         List<BindableService> services) {
        this.tokens = tokens;
        this.permissions = permissions;
        this.rateLimits = rateLimits;
        this.redaction = redaction;
        this.callers = callers;
        this.settings = settings;
        permissions.requireDeclared(services.stream().flatMap(service -> service.bindService().getMethods().stream())
                .map(ServerMethodDefinition::getMethodDescriptor).map(descriptor -> descriptor.getFullMethodName())
                .filter(name -> name.startsWith(TELLONCE_SERVICES)).toList());
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                      ServerCallHandler<Q, A> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        boolean tellonce = method.startsWith(TELLONCE_SERVICES);
        if (!tellonce && isOpen(method)) {
            return next.startCall(call, headers);
        }
        AuthenticatedCaller caller;
        try {
            caller = tokens.verify(bearerToken(headers));
        } catch (TokenRejected e) {
            return refuse(call, Code.UNAUTHENTICATED, e.getMessage(), "TOKEN_REJECTED");
        }
        if (!tellonce) {
            return next.startCall(call, headers);
        }
        String namedTenant = headers.get(TENANT_HEADER);
        if (namedTenant != null && !namedTenant.equals(caller.tenant().value())) {
            return refuse(call, Code.PERMISSION_DENIED, "the access token is for another tenant than x-tenant-id "
                    + "names; the tenant comes from the token", "TENANT_MISMATCH");
        }
        if (!permissions.allows(method, caller)) {
            return refuse(call, Code.PERMISSION_DENIED, "role " + describe(caller) + " may not call " + method
                    + "; it needs one of: " + permissions.rolesFor(method).stream().map(CallerRole::claimValue)
                    .sorted().collect(Collectors.joining(", ")), "ROLE_NOT_ALLOWED");
        }
        Duration wait = rateLimits.acquire(caller);
        if (!wait.isZero()) {
            return refuseRateLimited(call, wait);
        }
        if (Context.current().isCancelled()) {
            return refuse(call, Code.DEADLINE_EXCEEDED, "the call's deadline passed before it started", "DEADLINE_PASSED");
        }
        ServerCall<Q, A> answering = redaction.appliesTo(caller) ? new Redacting<>(call, caller) : call;
        return Contexts.interceptCall(callers.bind(caller), answering, headers, next);
    }

    private boolean isOpen(String method) {
        if (method.startsWith(HealthGrpc.SERVICE_NAME + "/")) {
            return settings.openHealth();
        }
        return !method.startsWith(REFLECTION_SERVICES) || settings.openReflection();
    }

    private static String bearerToken(Metadata headers) throws TokenRejected {
        String value = headers.get(AUTHORIZATION_HEADER);
        if (value == null) {
            throw new TokenRejected("send an access token: metadata 'authorization: Bearer <token>'");
        }
        if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER) || value.length() == BEARER.length()) {
            throw new TokenRejected("the authorization metadata must be 'Bearer <token>'");
        }
        return value.substring(BEARER.length()).trim();
    }

    private static String describe(AuthenticatedCaller caller) {
        return caller.roleNames().isEmpty() ? "(none)" : caller.roleNames();
    }

    private static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, Code code, String message, String reason) {
        return close(call, com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).build())).build());
    }

    private static <Q, A> ServerCall.Listener<Q> refuseRateLimited(ServerCall<Q, A> call, Duration wait) {
        return close(call, com.google.rpc.Status.newBuilder().setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                .setMessage("too many calls from this caller; retry after " + wait.toMillis() + " ms")
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("RATE_LIMITED").setDomain(DOMAIN).build()))
                .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(wait.getSeconds()).setNanos(wait.getNano())).build()))
                .build());
    }

    private static <Q, A> ServerCall.Listener<Q> close(ServerCall<Q, A> call, com.google.rpc.Status status) {
        StatusRuntimeException refused = StatusProto.toStatusRuntimeException(status);
        call.close(refused.getStatus(), refused.getTrailers());
        return new ServerCall.Listener<>() {
        };
    }

    /** Passes every response message through the caller's redaction on its way out. */
    private final class Redacting<Q, A> extends ForwardingServerCall.SimpleForwardingServerCall<Q, A> {
        private final AuthenticatedCaller caller;

        Redacting(ServerCall<Q, A> call, AuthenticatedCaller caller) {
            super(call);
            this.caller = caller;
        }

        @Override
        public void sendMessage(A message) {
            super.sendMessage(redaction.redact(message, caller));
        }
    }
}
