package golf.linkup.engine.gateway.presence;

/**
 * What the presence store knows about one user (all times epoch millis; 0 = never).
 *
 * @param liveConnections connections on instances whose heartbeat is fresh
 * @param lastActive      the last client activity any instance recorded
 * @param lastSeen        when the user's last connection closed (or its instance was found dead)
 * @param declaredAway    the client said {@code away} (tab hidden) and has not said {@code online} since
 * @param hidden          the user's privacy setting: appear offline to everyone
 * @param published       what was last announced to watchers: the status, plus {@code @lastSeen} for a
 *                        disconnected user (null: never)
 */
public record UserPresence(String userId, int liveConnections, long lastActive, long lastSeen, boolean declaredAway,
        boolean hidden, String published) {
}
