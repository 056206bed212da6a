package golf.linkup.engine.gateway.protocol;

import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.gateway.history.StreamPosition;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The client → server messages (docs/asyncapi.yaml). {@code ref} is the optional {@code id} a client may put
 * on any message; the answer ({@code subscribed}, {@code pong}, {@code error}) echoes it as {@code ref}.
 */
public sealed interface ClientCommand {

    String ref();

    /**
     * {@code subscribe:feed}: empty {@code industries} means "my own industry". {@code since}: per
     * room, the last position the client saw (recover what it missed); empty when it has none.
     */
    record SubscribeFeed(String ref, Set<Industry> industries, Optional<LocationFilter> location,
            Map<String, StreamPosition> since) implements ClientCommand {
    }

    record UnsubscribeFeed(String ref) implements ClientCommand {
    }

    record SubscribeTeeTime(String ref, String teeTimeId, Map<String, StreamPosition> since) implements ClientCommand {
    }

    /** {@code recover}: resend what rooms the connection is in published after each position. */
    record Recover(String ref, Map<String, StreamPosition> since) implements ClientCommand {
    }

    /** {@code refresh-token}: a new JWT for the same user, so the connection outlives the old one's expiry. */
    record RefreshToken(String ref, String token) implements ClientCommand {
    }

    /** {@code presence:update}: the user says they are online or away (e.g. the tab was hidden). */
    record PresenceUpdate(String ref, String status) implements ClientCommand {
    }

    /** {@code presence:visibility}: hide my presence from everyone (appear offline) or show it. */
    record PresenceVisibility(String ref, boolean visible) implements ClientCommand {
    }

    /** {@code typing}: the user started or stopped typing in a tee time's chat. */
    record Typing(String ref, String teeTimeId, boolean typing) implements ClientCommand {
    }

    record UnsubscribeTeeTime(String ref, String teeTimeId) implements ClientCommand {
    }

    record Ping(String ref) implements ClientCommand {
    }

    /**
     * {@code ack}: the client received these in-app notifications (the ids of their {@code notification}
     * messages). Answered {@code acked} with the same ids, whether or not each was the user's own.
     */
    record Ack(String ref, java.util.List<Long> notificationIds) implements ClientCommand {
    }

    /** Only tee times whose course is within {@code radiusKm} of the point reach the feed. */
    record LocationFilter(double lat, double lng, double radiusKm) {
    }
}
