package golf.linkup.engine.gateway.protocol;

import golf.linkup.engine.domain.Industry;
import java.util.Optional;
import java.util.Set;

/**
 * The client → server messages of seed 000. {@code ref} is the optional {@code id} a client may put
 * on any message; the answer ({@code subscribed}, {@code pong}, {@code error}) echoes it as {@code ref}.
 */
public sealed interface ClientCommand {

    String ref();

    /** {@code subscribe:feed}: empty {@code industries} means "my own industry". */
    record SubscribeFeed(String ref, Set<Industry> industries, Optional<LocationFilter> location)
            implements ClientCommand {
    }

    record UnsubscribeFeed(String ref) implements ClientCommand {
    }

    record SubscribeTeeTime(String ref, String teeTimeId) implements ClientCommand {
    }

    record UnsubscribeTeeTime(String ref, String teeTimeId) implements ClientCommand {
    }

    record Ping(String ref) implements ClientCommand {
    }

    /** Only tee times whose course is within {@code radiusKm} of the point reach the feed. */
    record LocationFilter(double lat, double lng, double radiusKm) {
    }
}
