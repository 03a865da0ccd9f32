package io.tellonce.profile.grpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.micronaut.context.annotation.Value;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.security.AuthenticatedCaller;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Page tokens that only this service can have issued. Every listing's own position (a driver paging
 * state, an offset, a time and id) travels sealed: the position and the time it was issued, and an
 * HMAC over them, the RPC, the tenant, the caller and the query (the request without its page token
 * and page size). A token that was not issued by a service holding the key, or was issued for another
 * RPC, tenant, caller or query, or is older than a day, is refused naming {@code page_token} before
 * any store sees its position; so stores parse only positions they wrote themselves.
 *
 * <p>The key is {@code tellonce.security.page-token-key}; without it, one is derived from the
 * suppression secret (replicas share it, so a token from one is good on another); without either,
 * each process draws its own and tokens do not survive a restart.
 */
@Singleton
public final class PageTokenSeal {
    static final String TOKEN_FIELD = "page_token";
    static final String NEXT_TOKEN_FIELD = "next_page_token";
    private static final String SIZE_FIELD = "page_size";
    private static final Duration LIFETIME = Duration.ofDays(1);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAC_BYTES = 16;
    private static final Logger LOG = LoggerFactory.getLogger(PageTokenSeal.class);

    private final SecretKeySpec key;
    private final Clock clock;

    PageTokenSeal(@Value("${tellonce.security.page-token-key:}") String configuredKey,
                  @Value("${tellonce.privacy.suppression-secret:}") String suppressionSecret, Clock clock) {
        this.key = new SecretKeySpec(keyBytes(configuredKey, suppressionSecret), "HmacSHA256");
        this.clock = clock;
    }

    /** Whether the RPC's requests carry a page token (and its answers a next one). */
    static boolean pages(Descriptor requestType) {
        FieldDescriptor token = requestType.findFieldByName(TOKEN_FIELD);
        return token != null && token.getJavaType() == FieldDescriptor.JavaType.STRING && !token.isRepeated();
    }

    /** The sealed form of a position the RPC answered to this request. */
    public String issue(String method, AuthenticatedCaller caller, Message request, String position) {
        byte[] payload = payload(clock.instant().getEpochSecond(), position);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(payload) + "." + base64.encodeToString(mac(method, caller, request, payload));
    }

    /**
     * The position a token holds, when this service issued it for this RPC, caller and query within
     * its lifetime; @throws InvalidRequest naming page_token otherwise
     */
    public String open(String method, AuthenticatedCaller caller, Message request, String token) {
        int dot = token.indexOf('.');
        byte[] payload;
        byte[] mac;
        try {
            if (dot < 0) {
                throw new IllegalArgumentException("no seal");
            }
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            mac = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw refused();
        }
        if (payload.length < Long.BYTES || !MessageDigest.isEqual(mac, mac(method, caller, request, payload))) {
            throw refused();
        }
        Instant issued = Instant.ofEpochSecond(ByteBuffer.wrap(payload).getLong());
        Instant now = clock.instant();
        if (issued.isBefore(now.minus(LIFETIME)) || issued.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidRequest(TOKEN_FIELD, "has expired (page tokens last " + LIFETIME.toHours()
                    + " hours); start the listing again without one");
        }
        return new String(payload, Long.BYTES, payload.length - Long.BYTES, StandardCharsets.UTF_8);
    }

    private static InvalidRequest refused() {
        return new InvalidRequest(TOKEN_FIELD, "is not a page token this service issued for this query and caller; "
                + "repeat the query exactly as before, or start again without one");
    }

    private static byte[] payload(long issuedSecond, String position) {
        byte[] text = position.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Long.BYTES + text.length).putLong(issuedSecond).put(text).array();
    }

    private byte[] mac(String method, AuthenticatedCaller caller, Message request, byte[] payload) {
        Message.Builder query = request.toBuilder();
        query.clearField(request.getDescriptorForType().findFieldByName(TOKEN_FIELD));
        FieldDescriptor size = request.getDescriptorForType().findFieldByName(SIZE_FIELD);
        if (size != null) {
            query.clearField(size);
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            // Each part is length-prefixed so that no two different bindings read as the same bytes.
            for (String part : new String[] {method, caller.tenant().value(), caller.subject()}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                hmac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                hmac.update(bytes);
            }
            hmac.update(IdempotentCalls.fingerprint(query.build()));
            hmac.update(payload);
            return Arrays.copyOf(hmac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] keyBytes(String configuredKey, String suppressionSecret) {
        if (!configuredKey.isBlank()) {
            return configuredKey.getBytes(StandardCharsets.UTF_8);
        }
        if (!suppressionSecret.isBlank()) {
            try {
                Mac hmac = Mac.getInstance("HmacSHA256");
                hmac.init(new SecretKeySpec(suppressionSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return hmac.doFinal("tellonce page token key".getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }
        LOG.warn("neither tellonce.security.page-token-key nor tellonce.privacy.suppression-secret is set: page "
                + "tokens are sealed with a key of this process alone, and another replica or a restart refuses them");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
