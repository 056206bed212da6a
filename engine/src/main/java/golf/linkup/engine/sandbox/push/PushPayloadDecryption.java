package golf.linkup.engine.sandbox.push;

import golf.linkup.engine.notifications.push.P256;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The user agent's half of RFC 8291: decrypts an {@code aes128gcm} (RFC 8188) push message body
 * with the subscription's private key and auth secret, written from the RFCs (ECDH from {@link P256},
 * HKDF-SHA-256 and AES-128-GCM from the JDK) and independent of the sender's {@code aes128gcm} code.
 *
 * <p>Body: {@code salt(16) || rs(uint32) || idlen(1) || keyid(idlen) || records}, where keyid is
 * the sender's ephemeral P-256 public key (65 bytes). Records are {@code rs} bytes (the last may be
 * shorter); each decrypts to {@code data || delimiter || 0x00*} with delimiter 0x01, or 0x02 for the
 * last record. Stateless and thread-safe.
 */
public final class PushPayloadDecryption {

    private static final int SALT_LENGTH = 16;
    private static final int TAG_LENGTH = 16;
    private static final int HEADER_LENGTH = SALT_LENGTH + 4 + 1;

    private PushPayloadDecryption() {
    }

    /** Why a body could not be decrypted. */
    public static final class DecryptionException extends Exception {
        DecryptionException(String message) {
            super(message);
        }

        DecryptionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The plaintext of {@code body}.
     *
     * @param uaPrivate  the subscription's private key (the browser keeps it; the sandbox does too)
     * @param uaPublic   the subscription's public key, uncompressed (what {@code p256dh} encodes)
     * @param authSecret the subscription's 16-byte auth secret
     * @throws DecryptionException when the body is malformed, was made for other keys, or was altered
     */
    public static byte[] decrypt(byte[] body, ECPrivateKey uaPrivate, byte[] uaPublic, byte[] authSecret)
            throws DecryptionException {
        if (body == null || body.length < HEADER_LENGTH) {
            throw new DecryptionException("body shorter than the aes128gcm header");
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[SALT_LENGTH];
        in.get(salt);
        long recordSize = Integer.toUnsignedLong(in.getInt());
        int keyIdLength = Byte.toUnsignedInt(in.get());
        if (recordSize < TAG_LENGTH + 2) {
            throw new DecryptionException("record size " + recordSize + " is below the minimum of 18");
        }
        if (keyIdLength != P256.UNCOMPRESSED_LENGTH || in.remaining() < keyIdLength) {
            throw new DecryptionException("keyid must be the sender's 65-byte P-256 public key, was "
                    + keyIdLength + " bytes");
        }
        byte[] asPublic = new byte[keyIdLength];
        in.get(asPublic);
        byte[] content = new byte[in.remaining()];
        in.get(content);
        if (content.length == 0) {
            throw new DecryptionException("no records");
        }
        byte[] ecdhSecret;
        try {
            ecdhSecret = P256.sharedSecret(uaPrivate.getS(), asPublic); // checks the point first
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("keyid: " + e.getMessage(), e);
        }

        try {

            // RFC 8291 §3.3: IKM = HKDF(salt=auth_secret, ikm=ecdh_secret, info="WebPush: info" 0x00 ua_public as_public, L=32)
            byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic);
            byte[] ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
            // RFC 8188 §2.2/2.3: CEK and NONCE from PRK = HKDF-Extract(salt, IKM)
            byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
            byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
            return records(content, (int) Math.min(recordSize, Integer.MAX_VALUE), cek, nonce);
        } catch (GeneralSecurityException e) {
            throw new DecryptionException("cannot decrypt: " + e, e);
        }
    }

    private static byte[] records(byte[] content, int recordSize, byte[] cek, byte[] nonce)
            throws GeneralSecurityException, DecryptionException {
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream(content.length);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        SecretKeySpec key = new SecretKeySpec(cek, "AES");
        long sequence = 0;
        for (int offset = 0; offset < content.length; offset += recordSize, sequence++) {
            int end = (int) Math.min((long) offset + recordSize, content.length);
            boolean last = end == content.length;
            if (end - offset <= TAG_LENGTH) {
                throw new DecryptionException("record " + sequence + " is too short");
            }
            aes.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, recordNonce(nonce, sequence)));
            byte[] record = aes.doFinal(content, offset, end - offset);
            int delimiter = record.length - 1;
            while (delimiter >= 0 && record[delimiter] == 0) {
                delimiter--;
            }
            if (delimiter < 0) {
                throw new DecryptionException("record " + sequence + " has no padding delimiter");
            }
            int expected = last ? 2 : 1;
            if (record[delimiter] != expected) {
                throw new DecryptionException("record " + sequence + " has delimiter " + record[delimiter]
                        + ", expected " + expected + (last ? " (truncated message?)" : ""));
            }
            plaintext.write(record, 0, delimiter);
        }
        return plaintext.toByteArray();
    }

    /** RFC 8188 §2.3: the record's sequence number, big-endian, XORed into the last bytes of the nonce. */
    private static byte[] recordNonce(byte[] nonce, long sequence) {
        byte[] out = nonce.clone();
        for (int i = 0; i < 8; i++) {
            out[out.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
        }
        return out;
    }

    /** RFC 5869 HKDF-SHA-256, output at most 32 bytes (one expand block is all Web Push needs). */
    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return Arrays.copyOf(mac.doFinal(), length);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
