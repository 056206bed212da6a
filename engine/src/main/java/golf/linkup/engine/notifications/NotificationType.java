package golf.linkup.engine.notifications;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a notification is about (who gets it, on which channels, with which default settings). {@code key} is the wire
 * and settings name ({@code new_tee_time}) and the template folder name.
 *
 * @param defaultPush  the default for {@code push_enabled}
 * @param defaultEmail the default for {@code email_enabled}
 * @param category     how delivery treats it ({@link Category}: limits, batching, quiet hours, unsubscribe)
 * @param replaceable  a newer push of this type about the same thing (the same tee time) may replace an
 *                     undelivered older one at the push service (RFC 8030 {@code Topic})
 */
public enum NotificationType {
    NEW_TEE_TIME("new_tee_time", true, false, Category.DISCOVERY, true),
    SLOT_JOINED("slot_joined", true, false, Category.ACTIVITY, true),
    SLOT_LEFT("slot_left", false, false, Category.ACTIVITY, true),
    TEE_TIME_CANCELLED("tee_time_cancelled", true, true, Category.TRANSACTIONAL, true),
    NEW_MESSAGE("new_message", true, false, Category.ACTIVITY, true),
    REMINDER_24H("reminder_24h", true, true, Category.TRANSACTIONAL, true),
    REMINDER_2H("reminder_2h", true, false, Category.TRANSACTIONAL, true),
    WEEKLY_DIGEST("weekly_digest", false, true, Category.DISCOVERY, false),
    /** Each announcement stands on its own: never replaced by the next one. */
    SYSTEM_ANNOUNCEMENT("system_announcement", true, false, Category.ANNOUNCEMENT, false),
    // waitlist: a slot held for you for 30 minutes; booked for you; your offer ran out
    WAITLIST_OFFER("waitlist_offer", true, false, Category.TRANSACTIONAL, true),
    WAITLIST_AUTO_BOOKED("waitlist_auto_booked", true, false, Category.TRANSACTIONAL, true),
    WAITLIST_OFFER_EXPIRED("waitlist_offer_expired", false, false, Category.TRANSACTIONAL, true),
    /** One digest of the chat messages a player did not see on any socket (never their text). */
    MISSED_MESSAGES("missed_messages", true, true, Category.ACTIVITY, true);

    /**
     * The kinds of notification, as delivery treats them (README, "Notification categories").
     */
    public enum Category {
        /**
         * About the recipient's own booking (cancellation, waitlist offer, auto-booking, an offer's
         * hold running out, reminders): frequency limits and batching never hold them back, they do
         * not count towards the limits, and their e-mails carry no unsubscribe link. Quiet hours may
         * hold their push; an e-mail about a tee time that starts within 24 hours goes at once.
         */
        TRANSACTIONAL,
        /** What other players do in the recipient's tee times (joins, leaves, chat). */
        ACTIVITY,
        /** Tee times the recipient might like (matching, the weekly digest). */
        DISCOVERY,
        /** Messages from LinkUp to many users at once. */
        ANNOUNCEMENT
    }

    private final String key;
    private final boolean defaultPush;
    private final boolean defaultEmail;
    private final Category category;
    private final boolean replaceable;

    NotificationType(String key, boolean defaultPush, boolean defaultEmail, Category category, boolean replaceable) {
        this.key = key;
        this.defaultPush = defaultPush;
        this.defaultEmail = defaultEmail;
        this.category = category;
        this.replaceable = replaceable;
    }

    public Category category() {
        return category;
    }

    public boolean transactional() {
        return category == Category.TRANSACTIONAL;
    }

    public boolean replaceable() {
        return replaceable;
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
