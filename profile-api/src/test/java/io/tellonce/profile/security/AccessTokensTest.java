package io.tellonce.profile.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tellonce.devstack.AccessTokenClaims;
import io.tellonce.devstack.DevSigningKey;
import io.tellonce.devstack.DevTokens;
import io.tellonce.profile.config.SecuritySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Verification with a real signing key: remembering verified tokens must never let a bad one in. */
class AccessTokensTest {
    private static DevTokens trusted;
    private static AccessTokens tokens;

    @BeforeAll
    static void trustOneKey() {
        DevSigningKey key = DevSigningKey.in(Path.of("target", "access-tokens-test-key").toAbsolutePath());
        trusted = new DevTokens(key);
        tokens = new AccessTokens(new SecuritySettings(AccessTokenClaims.DEV_ISSUER, AccessTokenClaims.DEV_AUDIENCE,
                key.publicKeyFile().toString(), "", "tenant", "roles", "channel", Duration.ofSeconds(30), true, true,
                0, 1));
    }

    @Test
    void theSameTokenAnswersTheSameCallerEveryTime() throws TokenRejected {
        String token = trusted.sign(AccessTokenClaims.dev("agent-7", "acme", List.of("agent"), Duration.ofHours(1)));

        AuthenticatedCaller first = tokens.verify(token);
        AuthenticatedCaller again = tokens.verify(token);

        assertThat(again).isEqualTo(first);
        assertThat(first.tenant().value()).isEqualTo("acme");
        assertThat(first.subject()).isEqualTo("agent-7");
        assertThat(first.roles()).containsExactly(CallerRole.AGENT);
    }

    @Test
    void aTamperedCopyOfAnAcceptedTokenIsStillRefused() throws TokenRejected {
        String token = trusted.sign(AccessTokenClaims.dev("bot-1", "acme", List.of("bot"), Duration.ofHours(1)));
        tokens.verify(token);
        String otherTenant = trusted.sign(AccessTokenClaims.dev("bot-1", "globex", List.of("admin"), Duration.ofHours(1)));
        String[] accepted = token.split("\\.");
        String[] forged = otherTenant.split("\\.");

        assertThatThrownBy(() -> tokens.verify(accepted[0] + "." + forged[1] + "." + accepted[2]))
                .isInstanceOf(TokenRejected.class);
        String flipped = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "B" : "A") + token.charAt(token.length() - 1);
        assertThatThrownBy(() -> tokens.verify(flipped)).isInstanceOf(TokenRejected.class);
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedEvenWhenItsTwinWasAccepted() throws TokenRejected {
        AccessTokenClaims claims = AccessTokenClaims.dev("agent-8", "acme", List.of("agent"), Duration.ofHours(1));
        tokens.verify(trusted.sign(claims));

        assertThatThrownBy(() -> tokens.verify(new DevTokens(DevSigningKey.untrusted()).sign(claims)))
                .isInstanceOf(TokenRejected.class);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = trusted.sign(AccessTokenClaims.dev("agent-9", "acme", List.of("agent"), Duration.ofHours(1))
                .expiringAt(Instant.now().minus(Duration.ofMinutes(10))));

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(TokenRejected.class);
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(TokenRejected.class);
    }
}
