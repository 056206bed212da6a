package golf.linkup.engine.admin.inspector;

import java.time.Instant;

/**
 * An e-mail the sandbox's SMTP server received, as the inspector shows it.
 *
 * @param idempotencyKey the engine's idempotency header (names the notification, and so the event)
 */
public record CapturedMail(String to, String from, String subject, String idempotencyKey, String notificationType,
        String text, String html, Instant receivedAt) {
}
