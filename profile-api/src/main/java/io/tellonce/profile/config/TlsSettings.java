package io.tellonce.profile.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * TLS for the gRPC port (ADR 17). Empty paths leave the port in plaintext, as for local development
 * behind a trusted network; production sets both certificate and key.
 *
 * @param certificateChain PEM certificate chain the server presents
 * @param privateKey       PEM (PKCS#8) private key of that certificate
 * @param clientCa         PEM CA certificates that sign client certificates; set it to require mutual TLS
 */
@ConfigurationProperties("tellonce.tls")
public record TlsSettings(String certificateChain, String privateKey, String clientCa) {
    public boolean enabled() {
        return !certificateChain.isBlank() || !privateKey.isBlank();
    }

    public boolean mutual() {
        return !clientCa.isBlank();
    }
}
