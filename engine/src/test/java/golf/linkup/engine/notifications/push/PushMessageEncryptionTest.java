package golf.linkup.engine.notifications.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import golf.linkup.engine.sandbox.push.PushPayloadDecryption;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PushMessageEncryptionTest {

    /** RFC 8291 §5: the sender's ephemeral key and salt of the worked example. */
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String AS_PUBLIC =
            "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";

    @Test
    void theRfc8291ExampleEncryptsToItsBodyByteForByte() {
        P256.Ephemeral as = P256.Ephemeral.of(new BigInteger(1, P256.fromBase64Url(AS_PRIVATE)));
        assertEquals(AS_PUBLIC, P256.base64Url(as.publicKey()), "the key pair's public half is the RFC's");

        byte[] body = PushMessageEncryption.encrypt(Rfc8291Example.PLAINTEXT.getBytes(StandardCharsets.UTF_8),
                P256.fromBase64Url(Rfc8291Example.UA_PUBLIC), P256.fromBase64Url(Rfc8291Example.AUTH_SECRET), as,
                P256.fromBase64Url(SALT));

        assertEquals(Rfc8291Example.BODY, P256.base64Url(body));
    }

    @Test
    void aSubscriptionDecryptsWhatWasEncryptedForIt_withANewKeyAndSaltEachTime() throws Exception {
        KeyPair ua = P256.generate();
        byte[] uaPublic = P256.uncompressed((ECPublicKey) ua.getPublic());
        byte[] auth = new byte[16];
        new java.security.SecureRandom().nextBytes(auth);
        byte[] message = "{\"title\":\"Tee time at 08:10\",\"body\":\"Größe ✓\"}".getBytes(StandardCharsets.UTF_8);

        byte[] first = PushMessageEncryption.encrypt(message, uaPublic, auth);
        byte[] second = PushMessageEncryption.encrypt(message, uaPublic, auth);

        assertArrayEquals(message, PushPayloadDecryption.decrypt(first, (ECPrivateKey) ua.getPrivate(), uaPublic, auth));
        assertArrayEquals(message, PushPayloadDecryption.decrypt(second, (ECPrivateKey) ua.getPrivate(), uaPublic, auth));
        assertFalse(Arrays.equals(Arrays.copyOf(first, 16), Arrays.copyOf(second, 16)), "a new salt per message");
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, 21, 86), Arrays.copyOfRange(second, 21, 86)),
                "a new ephemeral key per message");
    }

    @Test
    void aKeyThatIsNotOnTheCurveIsRefused() {
        byte[] offCurve = P256.fromBase64Url(Rfc8291Example.UA_PUBLIC);
        offCurve[64] ^= 1;
        byte[] auth = P256.fromBase64Url(Rfc8291Example.AUTH_SECRET);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PushMessageEncryption.encrypt(new byte[10], offCurve, auth));
        assertEquals("point is not on P-256", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PushMessageEncryption.encrypt(new byte[10], Arrays.copyOf(offCurve, 33), auth));
        assertThrows(IllegalArgumentException.class, () -> PushMessageEncryption.encrypt(
                new byte[10], P256.fromBase64Url(Rfc8291Example.UA_PUBLIC), new byte[15]));
    }

    @Test
    void aPayloadThatDoesNotFitOneRecordIsRefused() {
        byte[] uaPublic = P256.fromBase64Url(Rfc8291Example.UA_PUBLIC);
        byte[] auth = P256.fromBase64Url(Rfc8291Example.AUTH_SECRET);

        PushMessageEncryption.encrypt(new byte[4096 - 17], uaPublic, auth);
        assertThrows(IllegalArgumentException.class,
                () -> PushMessageEncryption.encrypt(new byte[4096 - 16], uaPublic, auth));
    }
}
