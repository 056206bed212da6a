package golf.linkup.engine.notifications.unsubscribe;

import golf.linkup.engine.notifications.NotificationType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-click unsubscribe links (RFC 8058) for the e-mails that are not about the recipient's own
 * booking: {@code <public URL>/unsubscribe?token=…}, where the token names the user and the
 * notification type and is signed with HMAC-SHA256, so nobody can turn off someone else's e-mail.
 * A POST there with the token turns that type's e-mail off for that user ({@code UnsubscribeHandler}).
 *
 * <p>The signing key is derived from the JWT secret (HMAC of a fixed label), so no extra secret is
 * configured; changing the JWT secret invalidates the links in e-mails already sent. Tokens do not
 * expire: an unsubscribe link must keep working as long as the e-mail is kept.
 */
public final class UnsubscribeLinks {

    public static final String PATH = "/unsubscribe";
    private static final String KEY_LABEL = "linkup unsubscribe links v1";

    /** Whose e-mail of which type a verified token turns off. */
    public record Target(String userId, NotificationType type) {
    }

    private final Supplier<URI> publicUrl;
    private final SecretKeySpec key;

    /**
     * @param publicUrl  where users reach this engine ({@code linkup.public-url}), e.g. {@code https://realtime.linkup.golf}
     *                   (read when a link is made: the sandbox knows its port only once listening)
     * @param jwtSecret  the engine's JWT secret, from which the signing key is derived
     */
    public UnsubscribeLinks(Supplier<URI> publicUrl, String jwtSecret) {
        this.publicUrl = publicUrl;
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(jwtSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                KEY_LABEL.getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    }

    /** The link for an e-mail of {@code type} to {@code userId}; empty for transactional types (no unsubscribing from those). */
    public Optional<URI> linkFor(String userId, NotificationType type) {
        if (type == null || type.transactional() || userId == null) {
            return Optional.empty();
        }
        String base = publicUrl.get().toString().replaceAll("/+$", "");
        return Optional.of(URI.create(base + PATH + "?token=" + URLEncoder.encode(token(userId, type),
                StandardCharsets.UTF_8)));
    }

    /** {@code base64url(userId "\n" typeKey) "." base64url(HMAC)}. */
    String token(String userId, NotificationType type) {
        byte[] payload = (userId + "\n" + type.key()).getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(payload) + "." + b64.encodeToString(hmac(key, payload));
    }

    /** The target of a token this engine signed; empty when it is malformed, tampered with or names no type. */
    public Optional<Target> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, hmac(key, payload))) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 2);
            if (parts.length != 2 || parts[0].isEmpty()) {
                return Optional.empty();
            }
            return NotificationType.fromKey(parts[1]).filter(t -> !t.transactional())
                    .map(t -> new Target(parts[0], t));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
