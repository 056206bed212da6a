package golf.linkup.engine.booking;

/**
 * One row of {@code waitlist_entries} as the booking state machine sees it. {@code status} is the
 * column's value: {@code waiting}, {@code offered}, {@code booked}, {@code left}, {@code expired},
 * {@code declined} or {@code closed}.
 */
record WaitlistEntry(long id, String userId, boolean autoBook, int priority, TimePreference preference,
        String status) {

    static final String WAITING = "waiting";
    static final String OFFERED = "offered";
    static final String BOOKED = "booked";

    boolean isWaiting() {
        return WAITING.equals(status);
    }

    boolean isOffered() {
        return OFFERED.equals(status);
    }

    WaitlistEntry withStatus(String newStatus) {
        return new WaitlistEntry(id, userId, autoBook, priority, preference, newStatus);
    }

    WaitlistEntry withTerms(boolean newAutoBook, int newPriority, TimePreference newPreference) {
        return new WaitlistEntry(id, userId, newAutoBook, newPriority, newPreference, status);
    }
}
