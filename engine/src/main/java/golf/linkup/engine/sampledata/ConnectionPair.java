package golf.linkup.engine.sampledata;

/**
 * A mutual connection between two users, stored once with {@code lowerId < higherId}
 * (string order). The database keeps both directions; see {@link SampleDataLoader}.
 */
public record ConnectionPair(String lowerId, String higherId) {

    public ConnectionPair {
        if (lowerId == null || higherId == null || lowerId.compareTo(higherId) >= 0) {
            throw new IllegalArgumentException("not an ordered pair: [" + lowerId + ", " + higherId + "]");
        }
    }

    /** The pair of two distinct users, in either order. */
    public static ConnectionPair of(String oneId, String otherId) {
        return oneId.compareTo(otherId) < 0 ? new ConnectionPair(oneId, otherId) : new ConnectionPair(otherId, oneId);
    }

    public boolean involves(String userId) {
        return lowerId.equals(userId) || higherId.equals(userId);
    }
}
