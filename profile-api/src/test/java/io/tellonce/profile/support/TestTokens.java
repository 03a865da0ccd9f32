package io.tellonce.profile.support;

import io.tellonce.devstack.AccessTokenClaims;
import io.tellonce.devstack.DevSigningKey;
import io.tellonce.devstack.DevTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Access tokens for tests, signed with a key kept under target/ that every service under test
 * trusts (ServiceUnderTest configures it). Made once per test JVM: generating an RSA key is slow.
 */
public final class TestTokens {
    public static final List<String> ALL_ROLES = List.of("agent", "bot", "personalisation", "ingest",
            "privacy-officer", "admin");
    private static final Duration VALIDITY = Duration.ofHours(2);

    private TestTokens() {
    }

    private static final class Key {
        static final DevSigningKey TRUSTED = DevSigningKey.in(Path.of("target", "test-signing-key").toAbsolutePath());
        static final DevTokens TOKENS = new DevTokens(TRUSTED);
    }

    public static Path publicKeyFile() {
        return Key.TRUSTED.publicKeyFile();
    }

    /** A token for the tenant with every role: for tests about something other than roles. */
    public static String forTenant(String tenant) {
        return sign(claims(tenant, "test-suite", ALL_ROLES));
    }

    public static String forRoles(String tenant, String subject, List<String> roles) {
        return sign(claims(tenant, subject, roles));
    }

    public static AccessTokenClaims claims(String tenant, String subject, List<String> roles) {
        return AccessTokenClaims.dev(subject, tenant, roles, VALIDITY);
    }

    public static String sign(AccessTokenClaims claims) {
        return Key.TOKENS.sign(claims);
    }

    /** Signed with a key no service trusts. */
    public static String signedByStranger(AccessTokenClaims claims) {
        return new DevTokens(DevSigningKey.untrusted()).sign(claims);
    }
}
