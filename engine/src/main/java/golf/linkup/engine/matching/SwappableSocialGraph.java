package golf.linkup.engine.matching;

import java.util.Objects;

/**
 * A {@link SocialGraph} whose backing graph can be replaced atomically, for owners that rebuild an
 * immutable {@link InMemorySocialGraph} when connections change. A query uses the graph current
 * when it asks; a {@link SocialCircle} keeps the graph it was made from.
 */
public final class SwappableSocialGraph implements SocialGraph {

    private volatile SocialGraph current;

    public SwappableSocialGraph(SocialGraph initial) {
        this.current = Objects.requireNonNull(initial, "graph");
    }

    public void replace(SocialGraph next) {
        this.current = Objects.requireNonNull(next, "graph");
    }

    @Override
    public boolean connectedOrShareConnection(String userId, String hostId) {
        return current.connectedOrShareConnection(userId, hostId);
    }

    @Override
    public SocialCircle circleOf(String userId) {
        return current.circleOf(userId);
    }
}
