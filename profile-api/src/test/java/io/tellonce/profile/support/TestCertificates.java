package io.tellonce.profile.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority with a server certificate for localhost/127.0.0.1 and a client
 * certificate, written as PEM files: what an operator would get from their own CA.
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey, Path clientCertificate,
                               Path clientKey, Path serverKeyStore) {
    /** The password of the PKCS#12 key store (for Micronaut's HTTPS); a throw-away, like everything here. */
    public static final String KEY_STORE_PASSWORD = "test-only";

    public static TestCertificates generate(Path folder) {
        try {
            Files.createDirectories(folder);
            KeyPair caKeys = keys();
            X500Name caName = new X500Name("CN=tellonce test CA");
            X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, notBefore(), notAfter(),
                    caName, caKeys.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(true)),
                    caKeys);
            KeyPair serverKeys = keys();
            X509Certificate server = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, notBefore(), notAfter(),
                    new X500Name("CN=localhost"), serverKeys.getPublic()).addExtension(Extension.subjectAlternativeName,
                    false, new GeneralNames(new GeneralName[]{new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")})), caKeys);
            KeyPair clientKeys = keys();
            X509Certificate client = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(3), notBefore(),
                    notAfter(), new X500Name("CN=agent-desktop"), clientKeys.getPublic()), caKeys);
            TestCertificates files = new TestCertificates(folder.resolve("ca.pem"), folder.resolve("server.pem"),
                    folder.resolve("server.key"), folder.resolve("client.pem"), folder.resolve("client.key"),
                    folder.resolve("server.p12"));
            pem(files.caCertificate, "CERTIFICATE", ca.getEncoded());
            pem(files.serverCertificate, "CERTIFICATE", server.getEncoded());
            pem(files.serverKey, "PRIVATE KEY", serverKeys.getPrivate().getEncoded());
            pem(files.clientCertificate, "CERTIFICATE", client.getEncoded());
            pem(files.clientKey, "PRIVATE KEY", clientKeys.getPrivate().getEncoded());
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("tellonce", serverKeys.getPrivate(), KEY_STORE_PASSWORD.toCharArray(),
                    new Certificate[]{server, ca});
            try (var out = Files.newOutputStream(files.serverKeyStore)) {
                keyStore.store(out, KEY_STORE_PASSWORD.toCharArray());
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(1, ChronoUnit.HOURS));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(1, ChronoUnit.DAYS));
    }

    private static void pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }
}
