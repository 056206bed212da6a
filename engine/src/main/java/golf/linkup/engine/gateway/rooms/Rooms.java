package golf.linkup.engine.gateway.rooms;

import golf.linkup.engine.domain.Industry;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Room names. {@code feed:INDUSTRY} carries a feed, {@code tee-time:ID} a tee time's updates and
 * chat, {@code user:ID} everything addressed to one user (every connection of theirs is in it).
 */
public final class Rooms {

    public static final String FEED_PREFIX = "feed:";
    public static final String TEE_TIME_PREFIX = "tee-time:";
    public static final String USER_PREFIX = "user:";
    /** A tee time's chat and typing: only its host and players are in it. */
    public static final String CHAT_PREFIX = "chat:";
    /** Internal: a connection watching a user's presence. Never sent to clients. */
    public static final String PRESENCE_PREFIX = "presence:";

    /**
     * A tee time's id as clients may name it: 1..100 letters, digits, {@code -}, {@code _} or
     * {@code .}, starting with a letter or digit. No colon, so no room name ({@code user:u-1}) passes
     * as an id.
     */
    private static final Pattern TEE_TIME_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private static final List<String> ALL_FEEDS =
            Arrays.stream(Industry.values()).map(i -> FEED_PREFIX + i.name()).toList();

    private Rooms() {
    }

    public static String feed(Industry industry) {
        return FEED_PREFIX + industry.name();
    }

    public static String feed(String industry) {
        return FEED_PREFIX + industry;
    }

    /** Every industry's feed room, for tee times open to all. */
    public static List<String> allFeeds() {
        return ALL_FEEDS;
    }

    public static String teeTime(String teeTimeId) {
        return TEE_TIME_PREFIX + teeTimeId;
    }

    public static String user(String userId) {
        return USER_PREFIX + userId;
    }

    public static String chat(String teeTimeId) {
        return CHAT_PREFIX + teeTimeId;
    }

    public static String presence(String userId) {
        return PRESENCE_PREFIX + userId;
    }

    /** Rooms a client subscribes to itself (counted against its subscription limit). */
    public static boolean isSubscribable(String room) {
        return room.startsWith(FEED_PREFIX) || room.startsWith(TEE_TIME_PREFIX) || room.startsWith(CHAT_PREFIX);
    }

    /** Whether {@code id} is a well-formed tee-time id ({@link #TEE_TIME_ID}). */
    public static boolean isTeeTimeId(String id) {
        return id != null && TEE_TIME_ID.matcher(id).matches();
    }

    public static boolean isFeed(String room) {
        return room.startsWith(FEED_PREFIX);
    }
}
