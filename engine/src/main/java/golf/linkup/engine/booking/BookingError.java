package golf.linkup.engine.booking;

/**
 * Why a booking request was refused: a stable code (the API's {@code error.code}) and the HTTP
 * status it is answered with.
 */
public enum BookingError {
    TEE_TIME_NOT_FOUND(404),
    /** The tee time was cancelled. */
    TEE_TIME_CANCELLED(409),
    /** The tee time has started (or is completed/archived): nothing can be booked any more. */
    TEE_TIME_STARTED(409),
    /** Every slot is taken by a player. */
    TEE_TIME_FULL(409),
    /** No slot is free right now, but some are held (an attempt or a waitlist offer) and may come back. */
    SLOT_UNAVAILABLE(409),
    /** The user already plays in this tee time. */
    ALREADY_JOINED(409),
    /** The user has an open waitlist offer for this tee time: accept or decline it. */
    OFFER_PENDING(409),
    HOLD_NOT_FOUND(404),
    NOT_YOUR_HOLD(403),
    /** The hold ran out before it was confirmed; the slot went back (or to the waitlist). */
    HOLD_EXPIRED(410),
    OFFER_NOT_FOUND(404),
    NOT_YOUR_OFFER(403),
    OFFER_EXPIRED(410),
    /** The offer was accepted, declined or withdrawn already. */
    OFFER_CLOSED(409),
    NOT_WAITLISTED(404),
    /** Check-in for someone who does not play in the tee time. */
    NOT_A_PLAYER(404),
    /** Only the player, the host or an admin may check a player in. */
    CHECK_IN_NOT_ALLOWED(403),
    /** Check-in opens {@code linkup.booking.check-in-opens} before the start. */
    CHECK_IN_NOT_OPEN(409),
    /** The round is over: a player without a check-in is a no-show. */
    CHECK_IN_CLOSED(409),
    INVALID_REQUEST(400);

    private final int httpStatus;

    BookingError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
