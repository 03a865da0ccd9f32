package io.tellonce.profile.grpc;

import com.google.protobuf.Message;
import io.tellonce.profile.app.InvalidRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque page tokens: where the next page starts, bound to the request's filters, so that a token
 * used with other filters is refused instead of answering a page of something else.
 */
final class PageTokens {
    private static final String FIELD = "page_token";

    private PageTokens() {
    }

    /** @param filters the request with page_token and page_size cleared */
    static String encode(String position, Message filters) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((binding(filters) + "." + position)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The position the token holds; @throws InvalidRequest when it is no token of this listing */
    static String decode(String token, Message filters) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(FIELD, "is not a page token of this listing");
        }
        int dot = text.indexOf('.');
        if (dot < 0) {
            throw new InvalidRequest(FIELD, "is not a page token of this listing");
        }
        if (!text.substring(0, dot).equals(binding(filters))) {
            throw new InvalidRequest(FIELD, "belongs to a listing with other filters; repeat them or start again");
        }
        return text.substring(dot + 1);
    }

    private static String binding(Message filters) {
        return HexFormat.of().formatHex(Arrays.copyOf(IdempotentCalls.fingerprint(filters), 8));
    }
}
