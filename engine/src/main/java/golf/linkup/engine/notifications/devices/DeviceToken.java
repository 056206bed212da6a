package golf.linkup.engine.notifications.devices;

import java.time.Instant;

/**
 * A registered device: an APNs or FCM token (ios, android) or a Web Push subscription (web: the
 * token is the push service endpoint URL, with its {@code p256dh} and {@code auth} keys).
 */
public record DeviceToken(String id, String userId, String token, String platform, String p256dh, String auth,
        String deviceInfo, boolean active, Instant lastUsed) {
}
