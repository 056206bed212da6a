package golf.linkup.engine.booking;

/** A booking request refused for a reason the caller can act on (never a server fault). */
public final class BookingException extends Exception {

    private final BookingError error;

    public BookingException(BookingError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public BookingError error() {
        return error;
    }
}
