package io.tellonce.profile.grpc;

import io.grpc.BindableService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Server reflection, so grpcurl and other clients work without the .proto files. */
@Factory
final class ReflectionWiring {
    @Singleton
    BindableService reflection() {
        return ProtoReflectionServiceV1.newInstance();
    }
}
