package io.tellonce.profile.grpc;

import io.grpc.ServerBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import io.tellonce.profile.config.TlsSettings;
import jakarta.inject.Singleton;
import java.io.File;
import javax.net.ssl.SSLException;

/**
 * Puts TLS (and, with a client CA, mutual TLS) on the gRPC port from tellonce.tls.*. Done here rather
 * than with grpc.server.ssl because that one cannot ask for client certificates.
 */
@Singleton
final class TransportSecurity implements BeanCreatedEventListener<ServerBuilder<?>> {
    private final TlsSettings settings;

    TransportSecurity(TlsSettings settings) {
        this.settings = settings;
    }

    @Override
    public ServerBuilder<?> onCreated(BeanCreatedEvent<ServerBuilder<?>> event) {
        ServerBuilder<?> builder = event.getBean();
        if (!settings.enabled()) {
            return builder;
        }
        if (settings.certificateChain().isBlank() || settings.privateKey().isBlank()) {
            throw new IllegalStateException("TLS needs both tellonce.tls.certificate-chain and tellonce.tls.private-key");
        }
        if (!(builder instanceof NettyServerBuilder netty)) {
            throw new IllegalStateException("TLS is configured but the gRPC server is not Netty-based");
        }
        try {
            SslContextBuilder ssl = GrpcSslContexts.forServer(existing(settings.certificateChain(), "certificate-chain"),
                    existing(settings.privateKey(), "private-key"));
            if (settings.mutual()) {
                ssl.trustManager(existing(settings.clientCa(), "client-ca")).clientAuth(ClientAuth.REQUIRE);
            }
            return netty.sslContext(ssl.build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot set up TLS from tellonce.tls.*: " + e.getMessage(), e);
        }
    }

    private static File existing(String path, String setting) {
        File file = new File(path);
        if (!file.isFile()) {
            throw new IllegalStateException("tellonce.tls." + setting + " names no readable file: " + path);
        }
        return file;
    }
}
