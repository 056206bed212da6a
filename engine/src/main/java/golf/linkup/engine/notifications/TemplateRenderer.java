package golf.linkup.engine.notifications;

import java.util.Locale;
import java.util.Map;

/**
 * Renders a notification from {@code templates/}: one template set per type and channel and
 * language, chosen by the recipient's locale with fallback (es-MX → es → en).
 *
 * @throws IllegalArgumentException when no template exists for the type and channel in any language
 */
public interface TemplateRenderer {

    RenderedMessage render(NotificationType type, Channel channel, Locale locale, Map<String, Object> model);
}
