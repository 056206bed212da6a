package golf.linkup.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-bytes-0123456789";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final JwtVerifier verifier = new JwtVerifier(SECRET, CLOCK);
    private final JwtIssuer issuer = new JwtIssuer(SECRET, CLOCK);

    /** A token signed with {@code secret} and {@code algorithm} over {@code claims}. */
    private static String sign(JWSAlgorithm algorithm, String secret, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder validClaims() {
        return new JWTClaimsSet.Builder().subject("u-1").expirationTime(Date.from(NOW.plusSeconds(3600)));
    }

    private String refusalCode(String token) {
        return assertThrows(AuthenticationException.class, () -> verifier.verify(token)).code();
    }

    @Test
    void anIssuedTokenVerifiesAsItsUser() throws AuthenticationException {
        Identity id = verifier.verify(issuer.issue("u-1", Duration.ofHours(1)));

        assertEquals("u-1", id.userId());
        assertEquals(Set.of(), id.roles());
        assertFalse(id.isAdmin());
        assertEquals(NOW.plusSeconds(3600), id.expiresAt());
        assertEquals(Optional.empty(), id.industry());
    }

    @Test
    void anIssuedTokenWithTheAdminRoleIsAnAdmin() throws AuthenticationException {
        Identity id = verifier.verify(issuer.issue("u-9", Duration.ofMinutes(5), List.of("admin", "host")));

        assertEquals(Set.of("admin", "host"), id.roles());
        assertTrue(id.isAdmin());
    }

    @Test
    void aSingleRoleAsAStringIsRead() throws Exception {
        Identity id = verifier.verify(sign(JWSAlgorithm.HS256, SECRET, validClaims().claim("roles", "admin").build()));

        assertTrue(id.isAdmin());
    }

    @Test
    void theIndustryClaimIsRead() throws Exception {
        Identity id = verifier.verify(sign(JWSAlgorithm.HS256, SECRET, validClaims().claim("industry", "TECH").build()));

        assertEquals(Optional.of("TECH"), id.industry());
    }

    @Test
    void aTokenWithSurroundingWhitespaceVerifies() throws AuthenticationException {
        assertEquals("u-1", verifier.verify("  " + issuer.issue("u-1", Duration.ofHours(1)) + "\n").userId());
    }

    @Test
    void aMissingOrBlankTokenIsRefusedAsMissing() {
        assertEquals("TOKEN_MISSING", refusalCode(null));
        assertEquals("TOKEN_MISSING", refusalCode(""));
        assertEquals("TOKEN_MISSING", refusalCode("   "));
    }

    @Test
    void garbageIsRefusedAsMalformed() {
        assertEquals("TOKEN_MALFORMED", refusalCode("not-a-jwt"));
        assertEquals("TOKEN_MALFORMED", refusalCode("a.b.c"));
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        // Nimbus will not parse an "alg":"none" header as a JWS header, so the verifier reports it as malformed.
        String unsigned = new PlainJWT(validClaims().build()).serialize();
        String withFakeSignature = unsigned + Base64URL.encode("forged");

        assertEquals("TOKEN_MALFORMED", refusalCode(unsigned));
        assertEquals("TOKEN_MALFORMED", refusalCode(withFakeSignature));
    }

    @Test
    void anHs512TokenIsRefusedForItsAlgorithmEvenWithTheRightSecret() throws Exception {
        String secret64 = SECRET + SECRET;

        assertEquals("TOKEN_ALGORITHM", refusalCode(sign(JWSAlgorithm.HS512, secret64, validClaims().build())));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefusedForItsSignature() throws Exception {
        String token = sign(JWSAlgorithm.HS256, "another-secret-also-32-bytes-long-abcdefgh", validClaims().build());

        assertEquals("TOKEN_SIGNATURE", refusalCode(token));
    }

    @Test
    void aTamperedPayloadIsRefusedForItsSignature() throws Exception {
        String[] parts = issuer.issue("u-1", Duration.ofHours(1)).split("\\.");
        String forged = parts[0] + "." + Base64URL.encode("{\"sub\":\"u-admin\",\"exp\":4102444800}") + "." + parts[2];

        assertEquals("TOKEN_SIGNATURE", refusalCode(forged));
    }

    @Test
    void aTokenWithoutExpiryIsRefusedAsMalformed() throws Exception {
        assertEquals("TOKEN_MALFORMED",
                refusalCode(sign(JWSAlgorithm.HS256, SECRET, new JWTClaimsSet.Builder().subject("u-1").build())));
    }

    @Test
    void aTokenWithoutSubjectIsRefusedAsMalformed() throws Exception {
        var claims = new JWTClaimsSet.Builder().expirationTime(Date.from(NOW.plusSeconds(60))).build();

        assertEquals("TOKEN_MALFORMED", refusalCode(sign(JWSAlgorithm.HS256, SECRET, claims)));
    }

    @Test
    void aTokenExpiredBeyondTheClockSkewIsRefused() {
        var pastIssuer = new JwtIssuer(SECRET, Clock.fixed(NOW.minus(Duration.ofHours(1)), ZoneOffset.UTC));
        String token = pastIssuer.issue("u-1", Duration.ofHours(1).minus(JwtVerifier.CLOCK_SKEW).minusSeconds(1));

        assertEquals("TOKEN_EXPIRED", refusalCode(token));
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsAccepted() throws AuthenticationException {
        var pastIssuer = new JwtIssuer(SECRET, Clock.fixed(NOW.minus(Duration.ofHours(1)), ZoneOffset.UTC));
        String token = pastIssuer.issue("u-1", Duration.ofHours(1).minus(JwtVerifier.CLOCK_SKEW).plusSeconds(1));

        assertEquals("u-1", verifier.verify(token).userId());
    }

    @Test
    void aTokenNotValidBeforeAFutureTimeIsRefused() throws Exception {
        var claims = validClaims().notBeforeTime(Date.from(NOW.plus(JwtVerifier.CLOCK_SKEW).plusSeconds(5))).build();

        assertEquals("TOKEN_NOT_YET_VALID", refusalCode(sign(JWSAlgorithm.HS256, SECRET, claims)));
    }

    @Test
    void aNotBeforeWithinTheClockSkewIsAccepted() throws Exception {
        var claims = validClaims().notBeforeTime(Date.from(NOW.plusSeconds(10))).build();

        assertEquals("u-1", verifier.verify(sign(JWSAlgorithm.HS256, SECRET, claims)).userId());
    }

    @Test
    void aSecretShorterThan32BytesCannotBeUsed() {
        assertThrows(IllegalArgumentException.class, () -> new JwtVerifier("too-short", CLOCK));
        assertThrows(IllegalArgumentException.class, () -> new JwtIssuer("too-short", CLOCK));
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() throws AuthenticationException {
        var clock = new golf.linkup.testing.AdjustableClock(NOW);
        var remembering = new JwtVerifier(SECRET, clock);
        String token = new JwtIssuer(SECRET, clock).issue("u-1", Duration.ofMinutes(10));
        assertEquals("u-1", remembering.verify(token).userId());
        assertEquals("u-1", remembering.verify(token).userId(), "the second time from memory");

        clock.advance(Duration.ofMinutes(10).plus(JwtVerifier.CLOCK_SKEW).plusSeconds(1));

        assertEquals("TOKEN_EXPIRED", assertThrows(AuthenticationException.class,
                () -> remembering.verify(token)).code());
    }

    @Test
    void aForgeryOfARememberedTokenIsStillRefusedForItsSignature() throws AuthenticationException {
        String token = issuer.issue("u-1", Duration.ofHours(1));
        verifier.verify(token);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64URL.encode("{\"sub\":\"u-admin\",\"exp\":4102444800}") + "." + parts[2];

        assertEquals("TOKEN_SIGNATURE", refusalCode(forged));
        assertEquals("u-1", verifier.verify(token).userId());
    }

    @Test
    void moreTokensThanItRemembersAllStillVerify() throws AuthenticationException {
        for (int i = 0; i <= JwtVerifier.REMEMBERED; i++) {
            assertEquals("u-" + i, verifier.verify(issuer.issue("u-" + i, Duration.ofHours(1))).userId());
        }
        assertEquals("TOKEN_SIGNATURE", refusalCode(issuer.issue("u-x", Duration.ofHours(1)) + "x"));
    }
}
