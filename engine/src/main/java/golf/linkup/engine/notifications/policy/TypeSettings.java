package golf.linkup.engine.notifications.policy;

import golf.linkup.engine.notifications.NotificationType;

/** A user's choice for one notification type: enabled at all, by push, by e-mail. */
public record TypeSettings(NotificationType type, boolean enabled, boolean push, boolean email) {

    /** The defaults: enabled, push and e-mail as the type declares. */
    public static TypeSettings defaults(NotificationType type) {
        return new TypeSettings(type, true, type.defaultPush(), type.defaultEmail());
    }
}
