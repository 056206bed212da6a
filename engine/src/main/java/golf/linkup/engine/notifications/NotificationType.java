package golf.linkup.engine.notifications;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a notification is about (seed 000's rules, seed 002's settings). {@code key} is the wire
 * and settings name ({@code new_tee_time}) and the template folder name.
 *
 * @param defaultPush  seed 002's default for {@code push_enabled}
 * @param defaultEmail seed 002's default for {@code email_enabled}
 */
public enum NotificationType {
    NEW_TEE_TIME("new_tee_time", true, false),
    SLOT_JOINED("slot_joined", true, false),
    SLOT_LEFT("slot_left", false, false),
    TEE_TIME_CANCELLED("tee_time_cancelled", true, true),
    NEW_MESSAGE("new_message", true, false),
    REMINDER_24H("reminder_24h", true, true),
    REMINDER_2H("reminder_2h", true, false),
    WEEKLY_DIGEST("weekly_digest", false, true),
    SYSTEM_ANNOUNCEMENT("system_announcement", true, false),
    // waitlist (seed 004): a slot held for you for 30 minutes; booked for you; your offer ran out
    WAITLIST_OFFER("waitlist_offer", true, false),
    WAITLIST_AUTO_BOOKED("waitlist_auto_booked", true, false),
    WAITLIST_OFFER_EXPIRED("waitlist_offer_expired", false, false);

    private final String key;
    private final boolean defaultPush;
    private final boolean defaultEmail;

    NotificationType(String key, boolean defaultPush, boolean defaultEmail) {
        this.key = key;
        this.defaultPush = defaultPush;
        this.defaultEmail = defaultEmail;
    }

    public String key() {
        return key;
    }

    public boolean defaultPush() {
        return defaultPush;
    }

    public boolean defaultEmail() {
        return defaultEmail;
    }

    public static Optional<NotificationType> fromKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
