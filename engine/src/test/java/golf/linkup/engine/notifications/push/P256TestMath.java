package golf.linkup.engine.notifications.push;

import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECPoint;

/** Affine P-256 arithmetic in BigInteger, slow and plain: only to derive a test vector's public key. */
public final class P256TestMath {

    private static final BigInteger P = ((ECFieldFp) P256.PARAMS.getCurve().getField()).getP();
    private static final BigInteger A = P256.PARAMS.getCurve().getA();

    private P256TestMath() {
    }

    /** The uncompressed public point {@code d·G}. */
    public static byte[] publicFromPrivate(BigInteger d) {
        ECPoint result = ECPoint.POINT_INFINITY;
        ECPoint addend = P256.PARAMS.getGenerator();
        for (int bit = 0; bit < d.bitLength(); bit++) {
            if (d.testBit(bit)) {
                result = add(result, addend);
            }
            addend = add(addend, addend);
        }
        byte[] out = new byte[65];
        out[0] = 4;
        put(result.getAffineX(), out, 1);
        put(result.getAffineY(), out, 33);
        return out;
    }

    private static ECPoint add(ECPoint p, ECPoint q) {
        if (p.equals(ECPoint.POINT_INFINITY)) {
            return q;
        }
        if (q.equals(ECPoint.POINT_INFINITY)) {
            return p;
        }
        BigInteger slope;
        if (p.equals(q)) {
            slope = p.getAffineX().pow(2).multiply(BigInteger.valueOf(3)).add(A)
                    .multiply(p.getAffineY().shiftLeft(1).modInverse(P)).mod(P);
        } else if (p.getAffineX().equals(q.getAffineX())) {
            return ECPoint.POINT_INFINITY;
        } else {
            slope = q.getAffineY().subtract(p.getAffineY())
                    .multiply(q.getAffineX().subtract(p.getAffineX()).modInverse(P)).mod(P);
        }
        BigInteger x = slope.pow(2).subtract(p.getAffineX()).subtract(q.getAffineX()).mod(P);
        BigInteger y = slope.multiply(p.getAffineX().subtract(x)).subtract(p.getAffineY()).mod(P);
        return new ECPoint(x, y);
    }

    private static void put(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int start = Math.max(0, bytes.length - 32);
        System.arraycopy(bytes, start, out, offset + 32 - (bytes.length - start), bytes.length - start);
    }
}
