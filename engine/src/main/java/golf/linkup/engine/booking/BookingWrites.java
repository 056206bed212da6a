package golf.linkup.engine.booking;

import java.time.Instant;

/**
 * The writes {@link BookingStateMachine} makes while it changes one tee time, in its transaction.
 * {@link BookingStore} runs them as SQL; the state machine's tests record them. Every method
 * changes rows of the locked tee time only.
 */
interface BookingWrites {

    void insertHold(Hold hold, Instant now);

    void deleteHold(Hold hold);

    void insertSlot(String teeTimeId, int slotNumber, String userId, Instant now);

    /** A new waiting entry; returns its id (the queue's tie-breaker: lower joined earlier). */
    long insertEntry(String teeTimeId, String userId, boolean autoBook, int priority, TimePreference preference,
            Instant now);

    void updateEntryTerms(long entryId, boolean autoBook, int priority, TimePreference preference, Instant now);

    void deleteEntry(long entryId);

    void setEntryStatus(long entryId, String status, Instant now);

    /** The user's entry becomes {@code booked} if it is {@code waiting} (a confirmed attempt). */
    void bookWaitingEntryOf(String teeTimeId, String userId, Instant now);

    /** Every waiting or offered entry of the tee time becomes {@code closed}. */
    void closeWaitlist(String teeTimeId, Instant now);

    /** An open offer for the entry; {@code offer} is its hold (same id). */
    void insertOffer(Hold offer, long entryId, Instant now);

    /** The offer is settled ({@code accepted}) and its entry {@code booked}. */
    void acceptOffer(String offerId, Instant now);

    /**
     * An open offer is settled with {@code offerStatus} ({@code declined}, {@code expired},
     * {@code withdrawn}) and its entry, if still {@code offered}, gets {@code entryStatus}.
     */
    void resolveOffer(String offerId, String offerStatus, String entryStatus, Instant now);
}
