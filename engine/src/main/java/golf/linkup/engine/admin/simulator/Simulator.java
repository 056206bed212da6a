package golf.linkup.engine.admin.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.admin.EventPublication;
import golf.linkup.engine.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;

/**
 * The sandbox's stand-in for the API server: each action writes to the sandbox database
 * ({@link SandboxWrites}) and then publishes the domain event on the events channel in DESIGN.md's
 * shape, so the engine handles it exactly as a real one. Every published event is kept in a journal
 * (the last {@value #JOURNAL} events) that the inspector reads.
 *
 * <p>Failure contract: an action that cannot be done ({@link SimulatorException}) writes and
 * publishes nothing. The write commits before the publication, as with the API server: if
 * publishing fails the row stays and the exception says so.
 */
public final class Simulator {

    static final int JOURNAL = 500;

    private final SandboxWrites writes;
    private final EventPublication events;
    private final Runnable beforeFirstEvent;
    private final Clock clock;
    private final ArrayDeque<SimulatedEvent> journal = new ArrayDeque<>();

    /** @param beforeFirstEvent runs before each action until it returns normally (sandbox browsers) */
    public Simulator(SandboxWrites writes, EventPublication events, Runnable beforeFirstEvent, Clock clock) {
        this.writes = writes;
        this.events = events;
        this.beforeFirstEvent = beforeFirstEvent;
        this.clock = clock;
    }

    /** A simulator whose users get sandbox browsers and no quiet hours before the first event. */
    public static Simulator withSandboxDevices(SandboxWrites writes, EventPublication events,
            golf.linkup.engine.notifications.devices.JdbcDeviceTokenStore devices,
            golf.linkup.engine.notifications.policy.PreferencesStore preferences,
            golf.linkup.engine.sandbox.push.SandboxPushService push, java.util.function.Supplier<String> baseUrl,
            Clock clock) {
        return new Simulator(writes, events, new SimulatedDevices(writes, devices, preferences, push, baseUrl)::prepare,
                clock);
    }

    public SandboxWrites writes() {
        return writes;
    }

    public SimulatedEvent createTeeTime(String hostId, String courseId, Instant startsAt, int totalSlots,
            boolean openToAll, String skillLevel, String source) {
        beforeFirstEvent.run();
        String id = writes.createTeeTime(hostId, courseId, startsAt, totalSlots, openToAll, skillLevel);
        ObjectNode data = Json.MAPPER.createObjectNode().put("teeTimeId", id);
        return publish("tee-time.created", id, data, hostId + " created " + id + " (" + totalSlots + " slots)", source);
    }

    public SimulatedEvent join(String teeTimeId, String userId, String source) {
        beforeFirstEvent.run();
        int slot = writes.join(teeTimeId, userId);
        ObjectNode data = Json.MAPPER.createObjectNode().put("teeTimeId", teeTimeId).put("slotNumber", slot)
                .put("userId", userId);
        return publish("slot.joined", teeTimeId, data, userId + " joined " + teeTimeId + ", slot " + slot, source);
    }

    public SimulatedEvent leave(String teeTimeId, String userId, String source) {
        beforeFirstEvent.run();
        int slot = writes.leave(teeTimeId, userId);
        ObjectNode data = Json.MAPPER.createObjectNode().put("teeTimeId", teeTimeId).put("slotNumber", slot)
                .put("userId", userId);
        return publish("slot.left", teeTimeId, data, userId + " left " + teeTimeId + ", slot " + slot, source);
    }

    public SimulatedEvent message(String teeTimeId, String senderId, String body, String source) {
        beforeFirstEvent.run();
        Instant sentAt = clock.instant();
        String messageId = writes.message(teeTimeId, senderId, body, sentAt);
        ObjectNode data = Json.MAPPER.createObjectNode().put("teeTimeId", teeTimeId)
                .put("industry", writes.industryOf(teeTimeId));
        data.putObject("message").put("id", messageId).put("senderId", senderId).put("body", body)
                .put("sentAt", sentAt.toString());
        return publish("message.sent", teeTimeId, data, senderId + " wrote in " + teeTimeId + ": " + abbreviate(body),
                source);
    }

    public SimulatedEvent cancel(String teeTimeId, String reason, String source) {
        beforeFirstEvent.run();
        String industry = writes.industryOf(teeTimeId);
        writes.cancel(teeTimeId);
        ObjectNode data = Json.MAPPER.createObjectNode().put("teeTimeId", teeTimeId).put("industry", industry);
        if (reason != null && !reason.isBlank()) {
            data.put("reason", reason);
        }
        return publish("tee-time.cancelled", teeTimeId, data, teeTimeId + " cancelled"
                + (reason == null || reason.isBlank() ? "" : ": " + abbreviate(reason)), source);
    }

    /** The journal, newest first. */
    public synchronized List<SimulatedEvent> journal() {
        return List.copyOf(journal);
    }

    public synchronized java.util.Optional<SimulatedEvent> find(String eventId) {
        return journal.stream().filter(e -> e.eventId().equals(eventId)).findFirst();
    }

    private SimulatedEvent publish(String type, String teeTimeId, ObjectNode data, String summary, String source) {
        String id = "sim-" + UUID.randomUUID();
        Instant at = clock.instant();
        ObjectNode event = Json.MAPPER.createObjectNode().put("id", id).put("type", type)
                .put("occurredAt", at.toString());
        event.set("data", data);
        long subscribers = events.publish(event.toString());
        SimulatedEvent published = new SimulatedEvent(id, type, teeTimeId, summary, source, at, subscribers);
        synchronized (this) {
            journal.addFirst(published);
            while (journal.size() > JOURNAL) {
                journal.removeLast();
            }
        }
        return published;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 59) + "…";
    }
}
