package io.tellonce.bench.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.Optional;

/**
 * Who the benchmark calls as: the one place that puts credentials on a call. Today the tenant travels in
 * {@code x-tenant-id} (the service checks it against the token's tenant) and the bearer token proves who
 * calls.
 */
public record CallerCredentials(String tenant, Optional<String> bearerToken) implements ClientInterceptor {
    static final Metadata.Key<String> TENANT = Metadata.Key.of("x-tenant-id", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    public CallerCredentials {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("a tenant is required");
        }
        bearerToken = bearerToken.filter(token -> !token.isBlank());
    }

    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<A> listener, Metadata headers) {
                headers.put(TENANT, tenant);
                bearerToken.ifPresent(token -> headers.put(AUTHORIZATION, "Bearer " + token));
                super.start(listener, headers);
            }
        };
    }
}
