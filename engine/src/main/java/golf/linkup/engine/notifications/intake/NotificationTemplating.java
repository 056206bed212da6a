package golf.linkup.engine.notifications.intake;

import golf.linkup.engine.notifications.TemplateRenderer;

/**
 * The template step: renders a planned channel in the recipient's language (Mustache templates,
 * with fallback es-MX → es → en). Reads and writes nothing else; throws
 * {@link IllegalArgumentException} when no template exists for the type and channel.
 */
public final class NotificationTemplating {

    private final TemplateRenderer renderer;

    public NotificationTemplating(TemplateRenderer renderer) {
        this.renderer = renderer;
    }

    public RenderedNotification render(PlannedNotification planned) {
        return new RenderedNotification(planned, renderer.render(planned.intent().type(), planned.channel(),
                planned.user().locale(), planned.model()));
    }
}
