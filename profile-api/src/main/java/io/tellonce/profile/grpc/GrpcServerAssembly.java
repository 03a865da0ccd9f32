package io.tellonce.profile.grpc;

import io.grpc.BindableService;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerTransportFilter;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.grpc.server.GrpcServerBuilder;
import io.micronaut.grpc.server.GrpcServerConfiguration;
import io.micronaut.grpc.server.health.HealthStatusManagerContainer;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Micronaut's gRPC server assembly, with every service bound through {@link RequestGate}, so that
 * undecodable and oversized requests are INVALID_ARGUMENT before any endpoint reads them. Everything else is Micronaut's own.
 */
@Factory
@Replaces(GrpcServerBuilder.class)
final class GrpcServerAssembly extends GrpcServerBuilder {

    private final RequestGate gate;

    GrpcServerAssembly(@Nullable HealthStatusManagerContainer health, FailureStatus failures, PageTokenSeal seal,
                       CallerTenant callers) {
        super(health);
        this.gate = new RequestGate(new RequestBounds(), failures, seal, callers);
    }

    @Override
    @Bean
    @Singleton
    @Replaces(value = ServerBuilder.class, factory = GrpcServerBuilder.class)
    protected ServerBuilder<?> serverBuilder(GrpcServerConfiguration configuration,
                                             @Nullable List<BindableService> services,
                                             @Nullable List<ServerInterceptor> interceptors,
                                             @Nullable List<ServerTransportFilter> filters,
                                             @Nullable List<ServerServiceDefinition> definitions) {
        List<ServerServiceDefinition> guarded = new ArrayList<>(definitions == null ? List.of() : definitions);
        if (services != null) {
            services.forEach(service -> guarded.add(gate.guard(service.bindService())));
        }
        return super.serverBuilder(configuration, List.of(), interceptors, filters, guarded);
    }
}
