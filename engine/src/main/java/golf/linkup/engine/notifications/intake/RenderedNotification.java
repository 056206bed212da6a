package golf.linkup.engine.notifications.intake;

import golf.linkup.engine.notifications.RenderedMessage;

/** A planned channel with its text in the recipient's language, ready for the outbox. */
public record RenderedNotification(PlannedNotification planned, RenderedMessage message) {
}
