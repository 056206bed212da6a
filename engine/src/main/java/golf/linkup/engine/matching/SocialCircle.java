package golf.linkup.engine.matching;

/** The users linked (connected or sharing a connection) to one centre user. */
@FunctionalInterface
public interface SocialCircle {

    /** True when {@code otherUserId} is connected to the centre or shares a connection with it. */
    boolean contains(String otherUserId);
}
