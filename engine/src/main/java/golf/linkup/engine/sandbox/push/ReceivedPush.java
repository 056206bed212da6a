package golf.linkup.engine.sandbox.push;


import java.time.Instant;

/**
 * A push message the {@link SandboxPushService} accepted (answered 201), as the browser would have
 * received it.
 *
 * @param subscriptionId the sandbox subscription (last path segment of its endpoint)
 * @param label          the label given at {@link SandboxPushService#createSubscription}
 * @param ttl            the {@code TTL} header, seconds
 * @param urgency        the {@code Urgency} header, or null when absent (RFC 8030 then means normal)
 * @param topic          the {@code Topic} header, or null when absent
 * @param decryptedJson  the payload decrypted with the subscription's private key (UTF-8)
 * @param receivedAt     when the sandbox accepted it
 */
public record ReceivedPush(String subscriptionId, String label, long ttl, String urgency, String topic,
        String decryptedJson, Instant receivedAt) {
}
