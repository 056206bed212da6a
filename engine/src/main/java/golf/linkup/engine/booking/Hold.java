package golf.linkup.engine.booking;

import java.time.Instant;

/** A slot kept for one user until {@code expiresAt}: an attempt's hold or a waitlist offer's. */
public record Hold(String holdId, String teeTimeId, int slotNumber, String userId, Purpose purpose, Instant expiresAt) {

    /** Why the slot is held. */
    public enum Purpose {
        ATTEMPT("attempt"), OFFER("offer");

        private final String wire;

        Purpose(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Purpose of(String wire) {
            return "offer".equals(wire) ? OFFER : ATTEMPT;
        }
    }
}
