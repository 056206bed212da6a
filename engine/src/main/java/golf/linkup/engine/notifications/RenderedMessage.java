package golf.linkup.engine.notifications;

import java.util.Map;

/**
 * A notification's text in the recipient's language: {@code title} (push title, e-mail subject,
 * in-app heading), {@code body} (plain text), {@code html} (e-mail only, else null) and
 * {@code data} (structured fields for the app: ids and an {@code action}).
 */
public record RenderedMessage(String title, String body, String html, Map<String, Object> data) {

    public RenderedMessage {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
