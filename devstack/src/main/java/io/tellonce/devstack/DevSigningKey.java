package io.tellonce.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key a development stack signs its access tokens with. Made on first use and kept beside the
 * stores' data (never in the repository), so tokens stay valid across restarts of one machine's stack
 * and mean nothing anywhere else.
 */
public final class DevSigningKey {
    static final String PRIVATE_FILE = "signing-key.pem";
    static final String PUBLIC_FILE = "signing-key.pub.pem";

    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private DevSigningKey(PrivateKey privateKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /**
     * The key kept in folder, made there first if absent. The folder is its owner's only (0700) and so is
     * every file in it (0600: the key, and whatever else a stack keeps there), including the files of an
     * older stack that wrote them with wider modes.
     */
    public static DevSigningKey in(Path folder) {
        Path privateFile = folder.resolve(PRIVATE_FILE);
        Path publicFile = folder.resolve(PUBLIC_FILE);
        try {
            OwnerOnly.folder(folder);
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                KeyPair pair = generate();
                writePem(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded());
                writePem(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded());
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privateFile)));
            return new DevSigningKey(privateKey, publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the development signing key in " + folder, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the development signing key in " + folder + " is unreadable: delete it", e);
        }
    }

    /** A fresh key that no service trusts: for tests of wrongly signed tokens. */
    public static DevSigningKey untrusted() {
        try {
            return new DevSigningKey(generate().getPrivate(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** The PEM file of the public key: what the service is configured to trust. */
    public Path publicKeyFile() {
        if (publicKeyFile == null) {
            throw new IllegalStateException("an untrusted key has no public key file");
        }
        return publicKeyFile;
    }

    /** Reads the public key back, for services that take the key itself rather than its file. */
    public PublicKey publicKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(readPem(publicKeyFile())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        OwnerOnly.write(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    private static byte[] readPem(Path file) throws IOException {
        String text = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(text);
    }
}
