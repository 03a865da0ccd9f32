package io.tellonce.devstack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * Signs development access tokens (JWT, RS256) with the JDK alone, so that `./tellonce up` can hand
 * out ready-to-use tokens without the service's libraries on its class path. The service verifies
 * them like any identity provider's tokens; nothing about them is special there.
 */
public final class DevTokens {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private final DevSigningKey key;

    public DevTokens(DevSigningKey key) {
        this.key = key;
    }

    public String sign(AccessTokenClaims claims) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        StringBuilder payload = new StringBuilder("{")
                .append(field("iss", claims.issuer())).append(',')
                .append(field("aud", claims.audience())).append(',')
                .append(field("sub", claims.subject())).append(',')
                .append(field("tenant", claims.tenant())).append(',')
                .append("\"roles\":[").append(claims.roles().stream().map(DevTokens::quoted)
                        .collect(Collectors.joining(","))).append("],")
                .append("\"iat\":").append(claims.issuedAt().getEpochSecond()).append(',')
                .append("\"exp\":").append(claims.expiresAt().getEpochSecond());
        claims.channel().ifPresent(channel -> payload.append(',').append(field("channel", channel)));
        payload.append('}');
        String signingInput = encode(header) + "." + encode(payload.toString());
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String name, String value) {
        return quoted(name) + ":" + quoted(value);
    }

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
