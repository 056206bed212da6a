package golf.linkup.engine.liveupdates;

import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.storage.TeeTimeDirectory;
import golf.linkup.engine.storage.TeeTimeDirectory.TeeTimeRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which feed rooms hear about a tee time: its industry's, or every feed when it is open to all. */
final class FeedRouting {

    private FeedRouting() {
    }

    static List<String> feedRooms(String industry, boolean openToAll) {
        return openToAll ? Rooms.allFeeds() : List.of(Rooms.feed(industry));
    }

    /** The tee-time room first, then the feeds (delivery order: members of both get it via the first). */
    static List<String> teeTimeAndFeeds(String teeTimeId, String industry, boolean openToAll) {
        List<String> rooms = new ArrayList<>();
        rooms.add(Rooms.teeTime(teeTimeId));
        rooms.addAll(feedRooms(industry, openToAll));
        return rooms;
    }

    /**
     * The tee-time room and the feeds, positioned at the course when the routing knows where it is
     * (from the database), so feed location filters apply.
     */
    static FanoutEnvelope envelope(String teeTimeId, TeeTimeRouting routing, String payload, long ingestMicros) {
        FanoutEnvelope e = FanoutEnvelope.toRooms(teeTimeAndFeeds(teeTimeId, routing.industry(), routing.openToAll()),
                payload, ingestMicros);
        return Double.isNaN(routing.lat()) ? e : e.at(routing.lat(), routing.lng());
    }

    /**
     * Routing from the event when it carries the industry (no database read), else from the database.
     * Empty when neither knows the tee time.
     */
    static Optional<TeeTimeRouting> route(TeeTimeDirectory directory, String teeTimeId, Optional<String> industry,
            Optional<Boolean> openToAll) {
        if (industry.isPresent()) {
            return Optional.of(new TeeTimeRouting(teeTimeId, industry.get(), openToAll.orElse(false), Double.NaN,
                    Double.NaN, -1));
        }
        return directory.findRouting(teeTimeId);
    }
}
