package golf.linkup.engine.gateway.presence;

import golf.linkup.engine.gateway.connections.ClientConnection;
import java.util.List;

/**
 * What the gateway tells presence about its connections, and how a connection watches the
 * presence of a tee time's players. Calls never throw and never block on Redis for long: presence
 * is best effort and must not hold up a client's frames.
 */
public interface Presence {

    /** A connection opened (the user is online). */
    void connected(ClientConnection connection);

    /** A connection closed (the user may now be disconnected). */
    void disconnected(ClientConnection connection);

    /** The client sent something: the user is active (throttled inside). */
    void active(ClientConnection connection);

    /** {@code presence:update}: the user says they are {@code online} or {@code away}. */
    void declared(ClientConnection connection, String status);

    /** {@code presence:visibility}: the user hides (appears offline to everyone) or shows their presence. */
    void visibility(ClientConnection connection, boolean visible);

    /**
     * The connection joined a tee time's chat: send it a presence snapshot of {@code userIds} and
     * their updates from now on.
     */
    void watch(ClientConnection connection, String teeTimeId, List<String> userIds);

    /** The connection left the tee time: stop sending it updates it no longer needs. */
    void unwatch(ClientConnection connection, String teeTimeId);

    /** No presence at all. */
    Presence NONE = new Presence() {
        @Override
        public void connected(ClientConnection connection) {
        }

        @Override
        public void disconnected(ClientConnection connection) {
        }

        @Override
        public void active(ClientConnection connection) {
        }

        @Override
        public void declared(ClientConnection connection, String status) {
        }

        @Override
        public void visibility(ClientConnection connection, boolean visible) {
        }

        @Override
        public void watch(ClientConnection connection, String teeTimeId, List<String> userIds) {
        }

        @Override
        public void unwatch(ClientConnection connection, String teeTimeId) {
        }
    };
}
