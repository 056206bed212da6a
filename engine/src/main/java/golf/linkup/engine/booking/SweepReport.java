package golf.linkup.engine.booking;

/**
 * What one run of a timed booking job did. Each count is work this run did itself: a second run (or
 * another instance's run at the same time) finds that work done and counts zero for it.
 */
public record SweepReport(int teeTimes, int holdsExpired, int offersExpired, int autoBooked, int offered,
        int noShows) {

    public static final SweepReport NONE = new SweepReport(0, 0, 0, 0, 0, 0);

    /** What the run log and the console show. */
    @Override
    public String toString() {
        return teeTimes + " tee times: " + holdsExpired + " holds expired, " + offersExpired + " offers expired, "
                + autoBooked + " auto-booked, " + offered + " offered, " + noShows + " no-shows";
    }

    public SweepReport plus(SweepReport o) {
        return new SweepReport(teeTimes + o.teeTimes, holdsExpired + o.holdsExpired, offersExpired + o.offersExpired,
                autoBooked + o.autoBooked, offered + o.offered, noShows + o.noShows);
    }
}
