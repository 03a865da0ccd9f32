package io.tellonce.profile.app;

import io.tellonce.identity.Identifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The suppression hash of an identifier: HMAC-SHA256 under the tenant's salt over the normalised
 * kind, namespace and value. Without the salt (configuration, never stored) a stolen suppression table
 * cannot be checked against a list of e-mail addresses or phone numbers.
 */
public final class IdentifierHashes {
    private final SecretKeySpec key;

    public IdentifierHashes(byte[] salt) {
        if (salt.length < 16) {
            throw new IllegalArgumentException("a suppression salt has at least 16 bytes");
        }
        this.key = new SecretKeySpec(salt.clone(), "HmacSHA256");
    }

    public String of(Identifier identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            String text = identifier.kind().storageName() + '\u0000' + identifier.namespace() + '\u0000'
                    + identifier.value();
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
