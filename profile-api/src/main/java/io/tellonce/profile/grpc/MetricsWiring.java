package io.tellonce.profile.grpc;

import io.grpc.ServerInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Per-method gRPC request counts and latencies, by status code, on the Prometheus endpoint. */
@Factory
final class MetricsWiring {
    @Singleton
    ServerInterceptor grpcServerMetrics(MeterRegistry registry) {
        return new MetricCollectingServerInterceptor(registry);
    }
}
