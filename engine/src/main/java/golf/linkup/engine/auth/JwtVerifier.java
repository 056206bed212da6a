package golf.linkup.engine.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies the API server's HS256 tokens. The algorithm is pinned: a token whose header names any
 * other algorithm (including {@code none}) is refused before its signature is looked at.
 * {@code sub} and {@code exp} are required; expiry allows {@link #CLOCK_SKEW} of skew.
 *
 * <p>A token that verified is remembered by its SHA-256 hash until it expires (at most
 * {@link #REMEMBERED} tokens), so a client reconnecting with the same token (a reconnect storm)
 * costs a hash instead of parsing and a signature check: parsing, the algorithm and the signature
 * give the same answer for the same bytes, and expiry is checked again on every use. Refused
 * tokens are never remembered.
 */
public final class JwtVerifier {

    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    /**
     * Verified tokens remembered at most; past it, the expired are dropped, else all (bounded memory:
     * ~100 B a token beyond what its connection holds anyway). As many as one instance's default
     * {@code max-connections}: a storm of more distinct tokens than remembered (19,000 against 10,000
     * before) emptied the memory again and again and reconnects missed it.
     */
    static final int REMEMBERED = 50_000;

    private final JWSVerifier verifier;
    private final Clock clock;
    private final Map<TokenHash, Identity> verified = new ConcurrentHashMap<>();

    public JwtVerifier(String secret, Clock clock) {
        try {
            this.verifier = new MACVerifier(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HS256 secret: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    public Identity verify(String token) throws AuthenticationException {
        if (token == null || token.isBlank()) {
            throw new AuthenticationException("TOKEN_MISSING", "a JWT is required (token query parameter or Authorization: Bearer)");
        }
        TokenHash hash = TokenHash.of(token.trim());
        Identity known = verified.get(hash);
        if (known != null) {
            if (known.expiresAt().plus(CLOCK_SKEW).isBefore(clock.instant())) {
                verified.remove(hash);
                throw new AuthenticationException("TOKEN_EXPIRED", "the token expired at " + known.expiresAt());
            }
            return known;
        }
        Identity identity = check(token);
        remember(hash, identity);
        return identity;
    }

    private void remember(TokenHash hash, Identity identity) {
        if (verified.size() >= REMEMBERED) {
            Instant now = clock.instant();
            verified.values().removeIf(i -> i.expiresAt().plus(CLOCK_SKEW).isBefore(now));
            if (verified.size() >= REMEMBERED) {
                verified.clear();
            }
        }
        verified.put(hash, identity);
    }

    /** The first 128 bits of a token's SHA-256: the cache's key (the token itself is not kept). */
    private record TokenHash(long high, long low) {
        static TokenHash of(String token) {
            try {
                ByteBuffer digest = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.UTF_8)));
                return new TokenHash(digest.getLong(), digest.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }

    /** Parses and checks a token not seen before (every refusal rule). */
    private Identity check(String token) throws AuthenticationException {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token.trim());
        } catch (ParseException e) {
            throw new AuthenticationException("TOKEN_MALFORMED", "the token is not a signed JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new AuthenticationException("TOKEN_ALGORITHM", "only HS256 tokens are accepted");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new AuthenticationException("TOKEN_SIGNATURE", "the token's signature does not verify");
            }
        } catch (JOSEException e) {
            throw new AuthenticationException("TOKEN_SIGNATURE", "the token's signature cannot be verified");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AuthenticationException("TOKEN_MALFORMED", "the token's claims do not parse");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new AuthenticationException("TOKEN_MALFORMED", "the token has no subject (sub)");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new AuthenticationException("TOKEN_MALFORMED", "the token has no expiry (exp)");
        }
        Instant now = clock.instant();
        if (exp.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw new AuthenticationException("TOKEN_EXPIRED", "the token expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw new AuthenticationException("TOKEN_NOT_YET_VALID", "the token is not valid before " + nbf.toInstant());
        }
        return new Identity(subject, roles(claims), exp.toInstant(), stringClaim(claims, "industry"));
    }

    private static Set<String> roles(JWTClaimsSet claims) {
        Object value = claims.getClaim("roles");
        Set<String> roles = new HashSet<>();
        if (value instanceof List<?> list) {
            list.forEach(r -> roles.add(String.valueOf(r)));
        } else if (value instanceof String s) {
            roles.add(s);
        }
        return Set.copyOf(roles);
    }

    private static Optional<String> stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }
}
