package io.tellonce.profile.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tellonce.identity.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final AuthenticatedCaller AGENT =
            new AuthenticatedCaller(new TenantId("acme"), "agent-7", Set.of(CallerRole.AGENT), Optional.empty());

    private final AtomicLong nanos = new AtomicLong();
    private final VerifiedTokens tokens = new VerifiedTokens(3, Duration.ofMinutes(5),
            Clock.fixed(NOW, ZoneOffset.UTC), nanos::get, Runnable::run);

    @Test
    void aVerifiedTokenIsRememberedUntilItExpires() {
        tokens.remember("token-a", AGENT, NOW.plusSeconds(60));

        pass(Duration.ofSeconds(59));
        assertThat(tokens.lookUp("token-a")).contains(AGENT);
        pass(Duration.ofSeconds(1));
        assertThat(tokens.lookUp("token-a")).isEmpty();
    }

    @Test
    void aLongLivedTokenIsRememberedForTheMaximumAgeOnly() {
        tokens.remember("token-a", AGENT, NOW.plus(Duration.ofHours(8)));

        pass(Duration.ofMinutes(5).minusNanos(1));
        assertThat(tokens.lookUp("token-a")).contains(AGENT);
        pass(Duration.ofNanos(1));
        assertThat(tokens.lookUp("token-a")).isEmpty();
    }

    @Test
    void anExpiredTokenIsNeverRemembered() {
        tokens.remember("token-a", AGENT, NOW);
        tokens.remember("token-b", AGENT, NOW.minusSeconds(1));

        assertThat(tokens.lookUp("token-a")).isEmpty();
        assertThat(tokens.lookUp("token-b")).isEmpty();
    }

    @Test
    void onlyTheExactTokenIsKnown() {
        tokens.remember("header.payload.signature", AGENT, NOW.plusSeconds(60));

        assertThat(tokens.lookUp("header.payload.signaturf")).isEmpty();
        assertThat(tokens.lookUp("header.payload.")).isEmpty();
    }

    @Test
    void rememberedTokensAreBounded() {
        for (int i = 0; i < 50; i++) {
            tokens.remember("token-" + i, AGENT, NOW.plusSeconds(60));
        }

        assertThat(tokens.size()).isLessThanOrEqualTo(3);
    }

    private void pass(Duration time) {
        nanos.addAndGet(time.toNanos());
    }
}
