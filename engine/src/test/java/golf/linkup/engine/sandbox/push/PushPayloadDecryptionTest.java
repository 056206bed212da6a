package golf.linkup.engine.sandbox.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zerodeplibs.webpush.MessageEncryptions;
import com.zerodeplibs.webpush.PushMessage;
import com.zerodeplibs.webpush.UserAgentMessageEncryptionKeyInfo;
import golf.linkup.engine.notifications.push.P256;
import golf.linkup.engine.notifications.push.P256TestMath;
import golf.linkup.engine.notifications.push.Rfc8291Example;
import golf.linkup.engine.notifications.push.WebPushSender;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sandbox's RFC 8291 receiver, against the RFC's own example and the sending library. */
class PushPayloadDecryptionTest {

    @Test
    void theRfc8291ExampleDecryptsToItsPlaintext() throws Exception {
        byte[] plaintext = PushPayloadDecryption.decrypt(P256.fromBase64Url(Rfc8291Example.BODY),
                P256.privateKey(P256.fromBase64Url(Rfc8291Example.UA_PRIVATE)),
                P256.fromBase64Url(Rfc8291Example.UA_PUBLIC), P256.fromBase64Url(Rfc8291Example.AUTH_SECRET));

        assertEquals(Rfc8291Example.PLAINTEXT, new String(plaintext, StandardCharsets.UTF_8));
        assertArrayEquals(P256.fromBase64Url(Rfc8291Example.UA_PUBLIC), publicOf(
                P256.privateKey(P256.fromBase64Url(Rfc8291Example.UA_PRIVATE))), "the test's curve arithmetic is right");
    }

    /** encrypted-content-encoding's test vector with rs = 24: the plaintext spans several records. */
    @Test
    void aMessageOfSeveralRecordsDecrypts() throws Exception {
        byte[] body = P256.fromBase64Url("SVzmyN6TpFOehi6GNJk8uwAAABhBBDwzeKLAq5VOFJhxjoXwi7cj-30l4TWmY_44WITrgZIza_kKVO1y"
                + "DxwEXAtAXpu8OiFCsWyJCGc0w3Trr3CZ5kJ-LTLIraUBhwPFSxC0geECfXIJ2Ma0NVP6Ezr6WX8t3EWluoFAlE5kkLuNbZm6HQLmDZX0"
                + "jOZER3wXIx2VuXpPld0");
        ECPrivateKey receiver = P256.privateKey(P256.fromBase64Url("yJnRHTLit-b-dJh4b1DyO5is5Tl60mHeObpkSezBLK0"));
        byte[] receiverPublic = publicOf(receiver);
        assertTrue(P256.publicKey(receiverPublic) != null, "derived public key is on the curve");

        byte[] plaintext = PushPayloadDecryption.decrypt(body, receiver, receiverPublic,
                P256.fromBase64Url("mW-ti1CqLQK4PyZBKy4q7g"));

        assertEquals("I am the walrus", new String(plaintext, StandardCharsets.UTF_8));
    }

    @Test
    void whatTheSendingLibraryEncryptsDecrypts() throws Exception {
        KeyPair browser = P256.generate();
        byte[] browserPublic = P256.uncompressed((ECPublicKey) browser.getPublic());
        byte[] auth = new byte[16];
        new Random(7).nextBytes(auth);
        byte[] message = new byte[WebPushSender.MAX_PAYLOAD_BYTES];
        new Random(8).nextBytes(message);

        byte[] body = MessageEncryptions.of()
                .encrypt(UserAgentMessageEncryptionKeyInfo.of(browserPublic, auth), PushMessage.of(message)).toBytes();

        assertEquals(WebPushSender.MAX_BODY_BYTES, body.length, "the largest payload fills 4096 bytes exactly");
        assertArrayEquals(message, PushPayloadDecryption.decrypt(body, (ECPrivateKey) browser.getPrivate(),
                browserPublic, auth));
    }

    @Test
    void anAlteredOrMisaddressedBodyIsRefused() {
        byte[] body = P256.fromBase64Url(Rfc8291Example.BODY);
        ECPrivateKey uaPrivate = P256.privateKey(P256.fromBase64Url(Rfc8291Example.UA_PRIVATE));
        byte[] uaPublic = P256.fromBase64Url(Rfc8291Example.UA_PUBLIC);
        byte[] auth = P256.fromBase64Url(Rfc8291Example.AUTH_SECRET);

        byte[] flipped = body.clone();
        flipped[flipped.length - 20] ^= 1;
        assertThrows(PushPayloadDecryption.DecryptionException.class,
                () -> PushPayloadDecryption.decrypt(flipped, uaPrivate, uaPublic, auth));
        byte[] otherAuth = auth.clone();
        otherAuth[0] ^= 1;
        assertThrows(PushPayloadDecryption.DecryptionException.class,
                () -> PushPayloadDecryption.decrypt(body, uaPrivate, uaPublic, otherAuth));
        KeyPair stranger = P256.generate();
        assertThrows(PushPayloadDecryption.DecryptionException.class, () -> PushPayloadDecryption.decrypt(body,
                (ECPrivateKey) stranger.getPrivate(), P256.uncompressed((ECPublicKey) stranger.getPublic()), auth));
        PushPayloadDecryption.DecryptionException shortBody = assertThrows(PushPayloadDecryption.DecryptionException.class,
                () -> PushPayloadDecryption.decrypt(Arrays.copyOf(body, 50), uaPrivate, uaPublic, auth));
        assertTrue(shortBody.getMessage().contains("keyid"), shortBody.getMessage());
        byte[] offCurve = body.clone();
        offCurve[30] ^= 1;
        PushPayloadDecryption.DecryptionException invalidKey = assertThrows(
                PushPayloadDecryption.DecryptionException.class,
                () -> PushPayloadDecryption.decrypt(offCurve, uaPrivate, uaPublic, auth));
        assertTrue(invalidKey.getMessage().contains("not on P-256"), invalidKey.getMessage());
    }

    /** The vector gives only the receiver's private key, and the JDK cannot derive the public one. */
    private static byte[] publicOf(ECPrivateKey privateKey) {
        return P256TestMath.publicFromPrivate(privateKey.getS());
    }
}
