package golf.linkup.engine.gateway.connections;

/**
 * What the heartbeat knows of one connection: when the client last sent anything (a frame or a
 * pong) and when it was last pinged, in epoch millis. Written by the connection's reader and the
 * heartbeat, read by the heartbeat.
 */
final class Liveness {

    private volatile long lastInboundMillis;
    private volatile long lastPingMillis;

    Liveness(long openedMillis) {
        this.lastInboundMillis = openedMillis;
        this.lastPingMillis = openedMillis;
    }

    void touched(long nowMillis) {
        lastInboundMillis = nowMillis;
    }

    long lastInboundMillis() {
        return lastInboundMillis;
    }

    void pinged(long nowMillis) {
        lastPingMillis = nowMillis;
    }

    long lastPingMillis() {
        return lastPingMillis;
    }
}
