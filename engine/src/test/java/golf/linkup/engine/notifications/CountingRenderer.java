package golf.linkup.engine.notifications;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A deterministic {@link TemplateRenderer} for unit tests: title {@code "<type key> x<count>"}, body
 * {@code "<channel key> for <locale>: <type key> x<count>"}, html only for e-mail, data with the
 * model's {@code action} and {@code count}. Remembers every model it rendered.
 */
public final class CountingRenderer implements TemplateRenderer {

    public final List<Map<String, Object>> models = new CopyOnWriteArrayList<>();

    public static String title(NotificationType type, int count) {
        return type.key() + " x" + count;
    }

    @Override
    public RenderedMessage render(NotificationType type, Channel channel, Locale locale, Map<String, Object> model) {
        models.add(Map.copyOf(model));
        Object count = model.get("count");
        String title = type.key() + " x" + count;
        Map<String, Object> data = new HashMap<>();
        data.put("action", model.getOrDefault("action", "none"));
        data.put("count", count);
        return new RenderedMessage(title, channel.key() + " for " + locale.toLanguageTag() + ": " + title,
                channel == Channel.EMAIL ? "<p>" + title + "</p>" : null, data);
    }
}
