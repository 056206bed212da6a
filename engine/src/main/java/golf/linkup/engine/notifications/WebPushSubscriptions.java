package golf.linkup.engine.notifications;

import java.util.List;

/**
 * The Web Push subscriptions of users (registered through {@code register-token} with platform
 * {@code web}). The push channel reads the active ones and deactivates those the push service
 * says are gone (404/410).
 */
public interface WebPushSubscriptions {

    List<WebPushSubscription> activeFor(String userId);

    void deactivate(String endpoint);

    /** A browser's push subscription: the push service endpoint and its RFC 8291 keys (base64url). */
    record WebPushSubscription(String endpoint, String p256dh, String auth) {
    }
}
