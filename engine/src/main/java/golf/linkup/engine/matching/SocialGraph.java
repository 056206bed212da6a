package golf.linkup.engine.matching;

/**
 * Who knows whom, as far as the SOCIAL factor cares: two users are linked when they are connected
 * or have at least one connection in common (a common neighbour). The relation is symmetric and a
 * user is never linked to themself. Implementations are safe for concurrent readers.
 */
public interface SocialGraph {

    /** True when the two users are connected or share a connection; false for unknown users. */
    boolean connectedOrShareConnection(String userId, String hostId);

    /**
     * The users linked to one user, for asking about many others in a row (a recommendation asks
     * about every host, a recipient search about every candidate). The default asks the graph each
     * time; implementations precompute when that is cheaper.
     */
    default SocialCircle circleOf(String userId) {
        return other -> connectedOrShareConnection(userId, other);
    }

    /** A graph where nobody is linked. */
    SocialGraph EMPTY = (a, b) -> false;
}
