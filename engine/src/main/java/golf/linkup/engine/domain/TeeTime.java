package golf.linkup.engine.domain;

import java.time.Instant;

/**
 * A tee time posted by a host. {@code totalSlots} counts every place, the host's included;
 * {@code openSlots} is what is still free. {@code industry} is the industry it is reserved for;
 * when {@code openToAll} anyone may join and every industry's feed hears about it.
 */
public record TeeTime(
        String id,
        String hostId,
        String courseId,
        Instant startsAt,
        Industry industry,
        boolean openToAll,
        SkillLevel skillLevel,
        int totalSlots,
        int openSlots,
        TeeTimeStatus status) {

    public boolean isFull() {
        return openSlots <= 0;
    }
}
