package golf.linkup.engine.notifications.devices;

import golf.linkup.engine.notifications.push.PushEndpointPolicy;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code INVALID_DEVICE_TOKEN} check, per platform:
 * <ul>
 *   <li>ios: an APNs device token (64 hex characters) or an Expo push token {@code ExponentPushToken[…]};</li>
 *   <li>android: an FCM registration token (100–2048 characters of {@code [A-Za-z0-9_:-]}) or an Expo token;</li>
 *   <li>web: a push service endpoint the {@link PushEndpointPolicy} accepts (https, an allowed push
 *       service host resolving to public addresses only; the sandbox also its own loopback push service)
 *       with {@code p256dh} (65-byte uncompressed P-256 point) and {@code auth} (16 bytes), base64url.</li>
 * </ul>
 * Returns the reason when invalid.
 */
public final class DeviceTokenValidator {

    private static final Pattern APNS = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern EXPO = Pattern.compile("Expo(nent)?PushToken\\[[A-Za-z0-9_-]{10,100}]");
    /** FCM tokens are ~160 characters today; the column holds 2048. */
    private static final Pattern FCM = Pattern.compile("[A-Za-z0-9_:-]{100,2048}");

    private final PushEndpointPolicy endpoints;

    public DeviceTokenValidator(PushEndpointPolicy endpoints) {
        this.endpoints = endpoints;
    }

    public Optional<String> problem(String platform, String token, String p256dh, String auth) {
        if (token == null || token.isBlank()) {
            return Optional.of("device_token is required");
        }
        switch (platform == null ? "" : platform) {
            case "ios":
                return APNS.matcher(token).matches() || EXPO.matcher(token).matches() ? Optional.empty()
                        : Optional.of("not an APNs device token (64 hex characters) or an Expo push token");
            case "android":
                return FCM.matcher(token).matches() || EXPO.matcher(token).matches() ? Optional.empty()
                        : Optional.of("not an FCM registration token or an Expo push token");
            case "web":
                return web(token, p256dh, auth);
            default:
                return Optional.of("platform must be ios, android or web");
        }
    }

    private Optional<String> web(String endpoint, String p256dh, String auth) {
        if (decodedLength(p256dh) != 65 || decode(p256dh)[0] != 4) {
            return Optional.of("keys.p256dh must be a base64url uncompressed P-256 public key (65 bytes)");
        }
        if (decodedLength(auth) != 16) {
            return Optional.of("keys.auth must be a base64url 16-byte secret");
        }
        return endpoints.problem(endpoint); // last: it may resolve the host
    }

    /** Length of the decoded key, or -1 when it is not base64 (url-safe or standard, padded or not). */
    private static int decodedLength(String b64) {
        if (b64 == null) {
            return -1;
        }
        try {
            return decode(b64).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static byte[] decode(String b64) {
        String s = b64.replace('+', '-').replace('/', '_').replace("=", "");
        if (s.length() % 4 == 1) {
            throw new IllegalArgumentException("not base64: a length of 4n+1");
        }
        return Base64.getUrlDecoder().decode(s);
    }
}
