package golf.linkup.engine.sampledata;

import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.TeeTimeStatus;

import java.time.LocalTime;
import java.util.List;

/**
 * A tee time as {@code tee-times.json} stores it: its start is relative to start-up
 * ({@code dayOffset} days after today, at {@code localTime} in the course's zone) so the sandbox
 * always has tee times in the coming 30 days. {@code players} are the user ids in slots 1..n in
 * order; slot 1 is the host.
 */
record PlannedTeeTime(
        String id,
        String hostId,
        String courseId,
        int dayOffset,
        LocalTime localTime,
        Industry industry,
        boolean openToAll,
        SkillLevel skillLevel,
        int totalSlots,
        TeeTimeStatus status,
        List<String> players) {

    /** Largest {@code dayOffset} the format allows: the window is the next 30 days. */
    static final int MAX_DAY_OFFSET = 29;

    PlannedTeeTime {
        players = List.copyOf(players);
    }

    int openSlots() {
        return totalSlots - players.size();
    }
}
