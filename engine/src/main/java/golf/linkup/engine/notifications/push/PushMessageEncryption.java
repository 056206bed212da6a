package golf.linkup.engine.notifications.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The application server's half of RFC 8291: encrypts a push message for one subscription as a
 * single {@code aes128gcm} record (RFC 8188) with a new ephemeral P-256 key pair and a new 16-byte
 * salt per message, as RFC 8291 §3.4 requires.
 *
 * <p>Body: {@code salt(16) || rs(uint32 = 4096) || idlen(1 = 65) || as_public(65) ||
 * AES-128-GCM(plaintext || 0x02)}, the key and nonce from HKDF-SHA-256 over the ECDH secret and the
 * subscription's auth secret. ECDH and the key pair are {@link P256}'s; HKDF and AES-GCM the JDK's.
 * Stateless and thread-safe.
 */
public final class PushMessageEncryption {

    /** The record size written in the header; the one record must fit in it. */
    static final int RECORD_SIZE = 4096;
    private static final int SALT_LENGTH = 16;
    private static final int TAG_LENGTH = 16;
    private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private PushMessageEncryption() {
    }

    /**
     * The encrypted body for a subscription.
     *
     * @param uaPublic   the subscription's {@code p256dh}, uncompressed (65 bytes)
     * @param authSecret the subscription's {@code auth} (16 bytes)
     * @throws IllegalArgumentException when the keys are not valid or the plaintext does not fit one record
     */
    public static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, uaPublic, authSecret, P256.ephemeral(), salt);
    }

    /** As {@link #encrypt(byte[], byte[], byte[])} with a given key pair and salt (the RFC's example, in tests). */
    static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret, P256.Ephemeral as, byte[] salt) {
        if (authSecret == null || authSecret.length != 16) {
            throw new IllegalArgumentException("auth secret must be 16 bytes");
        }
        if (plaintext.length + 1 + TAG_LENGTH > RECORD_SIZE) {
            throw new IllegalArgumentException("push payload of " + plaintext.length + " bytes does not fit one record");
        }
        byte[] ecdhSecret = P256.sharedSecret(as.privateScalar(), uaPublic);
        try {
            // RFC 8291 §3.3: IKM = HKDF(auth_secret, ecdh_secret, "WebPush: info" 0x00 || ua_public || as_public, 32)
            byte[] keyInfo = ByteBuffer.allocate(KEY_INFO.length + 2 * P256.UNCOMPRESSED_LENGTH)
                    .put(KEY_INFO).put(uaPublic).put(as.publicKey()).array();
            byte[] ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
            // RFC 8188 §2.2, §2.3: one PRK from the salt, then the content key and the nonce
            byte[] prk = hmac(salt, ikm);
            byte[] cek = expand(prk, CEK_INFO, 16);
            byte[] nonce = expand(prk, NONCE_INFO, 12);
            byte[] record = Arrays.copyOf(plaintext, plaintext.length + 1);
            record[plaintext.length] = 2; // the last (and only) record's delimiter, no padding
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            byte[] ciphertext = aes.doFinal(record);
            return ByteBuffer.allocate(SALT_LENGTH + 4 + 1 + P256.UNCOMPRESSED_LENGTH + ciphertext.length)
                    .put(salt).putInt(RECORD_SIZE).put((byte) P256.UNCOMPRESSED_LENGTH).put(as.publicKey())
                    .put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's HMAC-SHA-256 or AES-GCM failed", e);
        }
    }

    /** RFC 5869 HKDF-SHA-256 with one expand block (at most 32 bytes). */
    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        return expand(hmac(salt, ikm), info, length);
    }

    private static byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return Arrays.copyOf(mac.doFinal(), length);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
