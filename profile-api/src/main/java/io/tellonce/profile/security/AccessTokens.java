package io.tellonce.profile.security;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.config.SecuritySettings;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * Verifies bearer access tokens (signed JWTs): signature against the configured key or JWKS,
 * issuer, audience, expiry and not-before with the configured clock skew, and the tenant and role
 * claims tellonce needs. Unsigned ("alg": "none") and HMAC tokens are refused: only the issuer's
 * private key can mint a token.
 */
@Singleton
public final class AccessTokens {
    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;
    /** Enough for every agent desktop, bot and engine of a large contact centre; about 1 KiB each. */
    private static final long REMEMBERED_TOKENS = 10_000;
    /** As long as the JWKS source keeps a key the identity provider has withdrawn. */
    private static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final SecuritySettings settings;
    private final VerifiedTokens verified;

    public AccessTokens(SecuritySettings settings) {
        this.settings = settings;
        this.verified = new VerifiedTokens(REMEMBERED_TOKENS, REMEMBERED_FOR, Clock.systemUTC(), Ticker.systemTicker(),
                ForkJoinPool.commonPool());
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(ACCEPTED, keys(settings)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(settings.audience(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                Set.of("sub", "exp", settings.tenantClaim(), settings.rolesClaim()));
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        jwt.setJWTClaimsSetVerifier(claims);
        this.processor = jwt;
    }

    public AuthenticatedCaller verify(String token) throws TokenRejected {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRejected("the access token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        Optional<AuthenticatedCaller> known = verified.lookUp(token);
        if (known.isPresent()) {
            return known.get();
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new TokenRejected("the access token is not a signed JWT");
        } catch (BadJOSEException e) {
            throw new TokenRejected("the access token was refused: " + e.getMessage());
        } catch (JOSEException e) {
            throw new TokenRejected("the access token could not be verified: " + e.getMessage(), e);
        }
        AuthenticatedCaller caller = caller(claims);
        verified.remember(token, caller, claims.getExpirationTime().toInstant());
        return caller;
    }

    private AuthenticatedCaller caller(JWTClaimsSet claims) throws TokenRejected {
        String tenant = text(claims, settings.tenantClaim());
        if (!TenantId.isValid(tenant)) {
            throw new TokenRejected("the access token's " + settings.tenantClaim() + " claim is not a tenant id");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > 256) {
            throw new TokenRejected("the access token's sub claim must be 1-256 characters");
        }
        Set<CallerRole> roles = EnumSet.noneOf(CallerRole.class);
        for (String name : roleNames(claims)) {
            CallerRole.fromClaim(name).ifPresent(roles::add);
        }
        if (roles.isEmpty()) {
            throw new TokenRejected("the access token's " + settings.rolesClaim() + " claim names no tellonce role");
        }
        Optional<String> channel = Optional.ofNullable(text(claims, settings.channelClaim())).filter(c -> !c.isBlank());
        return new AuthenticatedCaller(new TenantId(tenant), subject, roles, channel);
    }

    private static String text(JWTClaimsSet claims, String name) throws TokenRejected {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new TokenRejected("the access token's " + name + " claim must be a string");
        }
    }

    private List<String> roleNames(JWTClaimsSet claims) throws TokenRejected {
        Object value = claims.getClaim(settings.rolesClaim());
        if (value instanceof String spaceSeparated) {
            return List.of(spaceSeparated.trim().split("\\s+"));
        }
        if (value instanceof List<?> list) {
            List<String> names = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String name)) {
                    throw new TokenRejected("the access token's " + settings.rolesClaim() + " claim must list strings");
                }
                names.add(name);
            }
            return names;
        }
        throw new TokenRejected("the access token's " + settings.rolesClaim() + " claim must be a list of roles");
    }

    private static JWKSource<SecurityContext> keys(SecuritySettings settings) {
        boolean hasKey = !settings.publicKey().isBlank();
        boolean hasJwks = !settings.jwksUrl().isBlank();
        if (hasKey == hasJwks) {
            throw new IllegalStateException("configure exactly one of tellonce.security.public-key"
                    + " (TELLONCE_SECURITY_PUBLIC_KEY) and tellonce.security.jwks-url (TELLONCE_SECURITY_JWKS_URL)");
        }
        if (hasJwks) {
            try {
                return JWKSourceBuilder.create(URI.create(settings.jwksUrl()).toURL()).retrying(true).build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalStateException("tellonce.security.jwks-url is not a URL: " + settings.jwksUrl(), e);
            }
        }
        return new ImmutableJWKSet<>(new JWKSet(jwk(Path.of(settings.publicKey()))));
    }

    private static JWK jwk(Path pemFile) {
        byte[] der;
        try {
            String pem = Files.readString(pemFile);
            der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tellonce.security.public-key " + pemFile, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tellonce.security.public-key " + pemFile + " is not a PEM public key", e);
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                if (key instanceof RSAPublicKey rsa) {
                    return new RSAKey.Builder(rsa).build();
                }
                ECPublicKey ec = (ECPublicKey) key;
                return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalStateException("tellonce.security.public-key " + pemFile + " is neither an RSA nor an EC public key");
    }
}
