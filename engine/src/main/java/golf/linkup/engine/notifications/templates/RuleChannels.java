package golf.linkup.engine.notifications.templates;

import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which channels each notification type is sent over, from the notification rules (docs/architecture.md; plus
 * {@code new_message} and {@code system_announcement}, which the rules leave to push + in-app, and the
 * waitlist's types: an offer and an auto-booking over push + in-app, an expired offer in-app; and the
 * digest of chat messages a player did not see on any socket, over push + e-mail).
 * {@link MustacheTemplateRenderer} refuses to start without an English template for each of these.
 */
public final class RuleChannels {

    private static final Map<NotificationType, Set<Channel>> BY_TYPE;

    static {
        Map<NotificationType, Set<Channel>> m = new EnumMap<>(NotificationType.class);
        m.put(NotificationType.NEW_TEE_TIME, EnumSet.of(Channel.PUSH, Channel.IN_APP));
        m.put(NotificationType.SLOT_JOINED, EnumSet.of(Channel.PUSH, Channel.IN_APP));
        m.put(NotificationType.SLOT_LEFT, EnumSet.of(Channel.IN_APP));
        m.put(NotificationType.TEE_TIME_CANCELLED, EnumSet.of(Channel.PUSH, Channel.EMAIL, Channel.IN_APP));
        m.put(NotificationType.NEW_MESSAGE, EnumSet.of(Channel.PUSH, Channel.IN_APP));
        m.put(NotificationType.REMINDER_24H, EnumSet.of(Channel.PUSH, Channel.EMAIL));
        m.put(NotificationType.REMINDER_2H, EnumSet.of(Channel.PUSH));
        m.put(NotificationType.WEEKLY_DIGEST, EnumSet.of(Channel.EMAIL));
        m.put(NotificationType.SYSTEM_ANNOUNCEMENT, EnumSet.of(Channel.PUSH, Channel.IN_APP));
        m.put(NotificationType.WAITLIST_OFFER, EnumSet.of(Channel.PUSH, Channel.IN_APP));
        m.put(NotificationType.WAITLIST_AUTO_BOOKED, EnumSet.of(Channel.PUSH, Channel.IN_APP));
        m.put(NotificationType.WAITLIST_OFFER_EXPIRED, EnumSet.of(Channel.IN_APP));
        m.put(NotificationType.MISSED_MESSAGES, EnumSet.of(Channel.PUSH, Channel.EMAIL));
        m.replaceAll((type, channels) -> Collections.unmodifiableSet(channels));
        BY_TYPE = Collections.unmodifiableMap(m);
    }

    private RuleChannels() {
    }

    /** The channels the rules use for {@code type} (never empty). */
    public static Set<Channel> of(NotificationType type) {
        return BY_TYPE.get(type);
    }

    public static boolean uses(NotificationType type, Channel channel) {
        return BY_TYPE.get(type).contains(channel);
    }

    public static Map<NotificationType, Set<Channel>> all() {
        return BY_TYPE;
    }
}
