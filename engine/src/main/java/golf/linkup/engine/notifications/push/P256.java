package golf.linkup.engine.notifications.push;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * NIST P-256 helpers: the uncompressed point form ({@code 0x04 || X || Y}, 65 bytes) that Web Push
 * uses for {@code p256dh}, VAPID {@code k} and {@code applicationServerKey}, base64url without
 * padding, and the per-message ECDH of RFC 8291 ({@link #ephemeral()}, {@link #sharedSecret}).
 * JCA keys come from the JDK; the ECDH arithmetic comes from BouncyCastle's lightweight API (its
 * P-256 field code, not registered as a provider), about five times faster than JDK 17's SunEC for
 * the key pair and the agreement that every push costs. Stateless and thread-safe.
 */
public final class P256 {

    public static final int UNCOMPRESSED_LENGTH = 65;
    public static final ECParameterSpec PARAMS = params();

    /** BouncyCastle's P-256 (its optimized field arithmetic for secp256r1). */
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final FixedPointCombMultiplier BASE_POINT = new FixedPointCombMultiplier();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    private P256() {
    }

    private static ECParameterSpec params() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no P-256 (secp256r1)", e);
        }
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a P-256 key pair", e);
        }
    }

    /** {@code 0x04 || X || Y}, each coordinate left-padded to 32 bytes. */
    public static byte[] uncompressed(ECPublicKey key) {
        byte[] out = new byte[UNCOMPRESSED_LENGTH];
        out[0] = 0x04;
        copyUnsigned(key.getW().getAffineX(), out, 1);
        copyUnsigned(key.getW().getAffineY(), out, 33);
        return out;
    }

    /**
     * The public key of an uncompressed point, checked to lie on P-256 (an off-curve point in ECDH
     * is the classic invalid-curve attack).
     *
     * @throws IllegalArgumentException when the bytes are not a P-256 point in uncompressed form
     */
    public static ECPublicKey publicKey(byte[] uncompressed) {
        if (uncompressed == null || uncompressed.length != UNCOMPRESSED_LENGTH || uncompressed[0] != 0x04) {
            throw new IllegalArgumentException("not an uncompressed P-256 point (65 bytes starting with 0x04)");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65));
        BigInteger p = ((ECFieldFp) PARAMS.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw new IllegalArgumentException("point coordinates out of range");
        }
        BigInteger left = y.modPow(BigInteger.TWO, p);
        BigInteger right = x.pow(3).add(PARAMS.getCurve().getA().multiply(x)).add(PARAMS.getCurve().getB()).mod(p);
        if (!left.equals(right)) {
            throw new IllegalArgumentException("point is not on P-256");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 public key", e);
        }
    }

    /** The private key of a raw 32-byte scalar (as in JWK {@code d} or the RFC 8291 example). */
    public static ECPrivateKey privateKey(byte[] scalar) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), PARAMS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 private key", e);
        }
    }

    /** A key pair for one message (RFC 8291's {@code as_private}, {@code as_public}). */
    public record Ephemeral(BigInteger privateScalar, byte[] publicKey) {

        /** The pair of a given scalar in [1, n-1] (the RFC 8291 example's, in tests). */
        public static Ephemeral of(BigInteger scalar) {
            if (scalar.signum() <= 0 || scalar.compareTo(CURVE.getN()) >= 0) {
                throw new IllegalArgumentException("not a P-256 private scalar");
            }
            return new Ephemeral(scalar, BASE_POINT.multiply(CURVE.getG(), scalar).getEncoded(false));
        }
    }

    /** A fresh key pair, its scalar uniformly random in [1, n-1]. */
    public static Ephemeral ephemeral() {
        BigInteger n = CURVE.getN();
        BigInteger d;
        do {
            d = new BigInteger(n.bitLength(), RANDOM);
        } while (d.signum() == 0 || d.compareTo(n) >= 0);
        return Ephemeral.of(d);
    }

    /**
     * ECDH on P-256: the x coordinate (32 bytes) of {@code privateScalar} times the peer's point.
     * The peer's point is checked to lie on the curve first (P-256's cofactor is 1, so that is all an
     * invalid-curve attack needs checked).
     *
     * @throws IllegalArgumentException when {@code peerUncompressed} is not a P-256 point in uncompressed form
     */
    public static byte[] sharedSecret(BigInteger privateScalar, byte[] peerUncompressed) {
        if (peerUncompressed == null || peerUncompressed.length != UNCOMPRESSED_LENGTH || peerUncompressed[0] != 0x04) {
            throw new IllegalArgumentException("not an uncompressed P-256 point (65 bytes starting with 0x04)");
        }
        ECCurve curve = CURVE.getCurve();
        org.bouncycastle.math.ec.ECPoint peer;
        try {
            peer = curve.decodePoint(peerUncompressed); // validates: on the curve, coordinates in range
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("point is not on P-256", e);
        }
        org.bouncycastle.math.ec.ECPoint shared = peer.multiply(privateScalar).normalize();
        if (shared.isInfinity()) {
            throw new IllegalArgumentException("ECDH gave the point at infinity");
        }
        return shared.getAffineXCoord().getEncoded();
    }

    /** Whether a key is on P-256 (same field size and order). */
    public static boolean isP256(ECParameterSpec spec) {
        return spec != null && spec.getOrder().equals(PARAMS.getOrder())
                && spec.getCurve().getField().getFieldSize() == 256;
    }

    public static String base64Url(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    /**
     * Decodes base64url with or without padding; also accepts the standard alphabet ({@code +/}),
     * which some clients send for subscription keys.
     *
     * @throws IllegalArgumentException when the text is not base64
     */
    public static byte[] fromBase64Url(String text) {
        String normalized = text.trim().replace('+', '-').replace('/', '_');
        int end = normalized.length();
        while (end > 0 && normalized.charAt(end - 1) == '=') {
            end--;
        }
        return B64URL_DECODER.decode(normalized.substring(0, end));
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0;
        int length = bytes.length - start;
        System.arraycopy(bytes, start, out, offset + 32 - length, length);
    }
}
