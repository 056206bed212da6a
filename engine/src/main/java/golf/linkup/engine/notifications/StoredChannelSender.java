package golf.linkup.engine.notifications;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A channel whose delivery is a row in the engine's own database (the in-app notification centre).
 * The outbox stores a whole claim's deliveries through {@link #store} inside the transaction that
 * also logs their attempts and marks their rows sent: the stored rows and the marks commit together
 * or not at all, so each outbox row is delivered exactly once even across crashes, with one commit
 * per claim instead of two per row.
 */
public interface StoredChannelSender extends ChannelSender {

    /** What {@link #store} did: a provider response per delivery (same order), and the work to run after the commit. */
    record Stored(List<String> responses, Runnable afterCommit) {
    }

    /**
     * Stores the deliveries on the caller's connection, in its transaction (never commits). A
     * delivery stored before (a row whose earlier claim committed its store but not its mark, which
     * this contract rules out, or a repeated call) is not stored again. Throwing rolls the whole
     * claim back.
     */
    Stored store(Connection connection, List<Delivery> deliveries) throws SQLException;
}
