package golf.linkup.engine.gateway;

import golf.linkup.engine.auth.AuthenticationException;
import golf.linkup.engine.auth.Identity;
import golf.linkup.engine.gateway.fanout.FanoutPublisher;
import golf.linkup.engine.gateway.history.InMemoryRoomHistory;
import golf.linkup.engine.gateway.history.RoomHistory;
import golf.linkup.engine.gateway.presence.Presence;
import golf.linkup.engine.storage.Participants;
import java.time.Clock;
import java.time.Duration;

/**
 * The collaborators of {@link GatewayService} that reach outside this instance: room history,
 * who plays in a tee time, presence, the fan-out to other instances (typing) and token checks.
 */
public record GatewayParts(RoomHistory history, Participants participants, Presence presence,
        FanoutPublisher fanout, TokenVerifier tokens) {

    /** Verifies a JWT (the handshake's verifier). */
    @FunctionalInterface
    public interface TokenVerifier {
        Identity verify(String token) throws AuthenticationException;
    }

    /** For one process without Redis or a database (unit tests): history in memory, nobody plays, no presence. */
    public static GatewayParts local(Clock clock, FanoutPublisher fanout) {
        return new GatewayParts(new InMemoryRoomHistory(clock, 100, Duration.ofMinutes(2)), Participants.NONE,
                Presence.NONE, fanout, token -> {
                    throw new AuthenticationException("TOKEN_MALFORMED", "no token verifier here");
                });
    }
}
