package golf.linkup.engine.admin.inspector;

import golf.linkup.engine.admin.followup.FollowUpAdmin;
import golf.linkup.engine.admin.simulator.SimulatedEvent;
import golf.linkup.engine.sandbox.push.ReceivedPush;
import golf.linkup.engine.sandbox.push.SandboxPushService;
import golf.linkup.engine.storage.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * For each simulated event, what it caused: the WebSocket messages this instance sent
 * ({@link DeliveryLedger}), the notifications queued for it by channel and the in-app rows written,
 * the e-mails the sandbox SMTP server received and the Web Push messages the sandbox push service
 * decrypted; for a chat message or a room change, which players have it unseen and their
 * missed-message digest (due or sent); for each in-app row, its receipt and push fallback. Notifications are tied to their event through their keys, which name the event id
 * ({@code slot_joined:<eventId>:<userId>}, {@code new_tee_time:<teeTimeId>:<eventId>:<userId>}), and
 * e-mails and pushes through the idempotency key they carry.
 */
public final class Inspector {

    /** An event with the count of each effect. */
    public record Summary(SimulatedEvent event, int wsMessages, int wsConnections, Map<String, Integer> queued,
            int inAppRows, int emails, int pushes) {
    }

    public record QueuedNotification(long id, String userId, String type, String channel, String status,
            String title, String error) {
    }

    /**
     * An in-app row with its receipt: delivered ({@code createdAt}: written and sent live),
     * acknowledged by a connection, and the push fallback decided ({@code fallbackAt}) with its
     * outbox row and status (null when none was queued) and why ({@code fallbackOutcome}: {@code queued},
     * {@code no_device}, {@code suppressed}, {@code pushed_already}, {@code not_pushable}).
     */
    public record InAppRow(long id, String userId, String type, String title, String body, Instant createdAt,
            Instant acknowledgedAt, Instant fallbackAt, Long fallbackQueueId, String fallbackStatus,
            String fallbackOutcome) {
    }

    public record Push(String label, String urgency, String topic, long ttl, String json, Instant receivedAt) {
    }

    /**
     * Everything one event caused that this instance can still see.
     *
     * @param reach how far back each part reaches (the delivery ledger is bounded), for the operator
     */
    public record Details(SimulatedEvent event, List<DeliveryLedger.Delivery> wsMessages,
            List<QueuedNotification> notifications, List<InAppRow> inApp, List<CapturedMail> emails, List<Push> pushes,
            List<FollowUpAdmin.MessageFollowUp> unseen, String reach) {
    }

    /** The source of an event the simulator did not publish (the API server, bin/linkup publish, anyone). */
    public static final String OUTSIDE = "outside";

    private final Supplier<List<SimulatedEvent>> journal;
    private final DeliveryLedger ledger;
    private final DataSource dataSource;
    private final MailCapture mail;
    private final Optional<SandboxPushService> push;
    private final FollowUpAdmin followUps;

    /** @param followUps who has a chat message or room change unseen, and its digest */
    public Inspector(Supplier<List<SimulatedEvent>> journal, DeliveryLedger ledger, DataSource dataSource,
            MailCapture mail, Optional<SandboxPushService> push, FollowUpAdmin followUps) {
        this.followUps = followUps;
        this.journal = journal;
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.mail = mail;
        this.push = push;
    }

    /** The newest {@code limit} simulated events with their counts; one outbox query for all of them. */
    public List<Summary> recent(int limit) {
        List<SimulatedEvent> events = journal.get().stream().limit(limit).toList();
        if (events.isEmpty()) {
            return List.of();
        }
        Map<String, SimulatedEvent> byId = new HashMap<>();
        Instant oldest = Instant.MAX;
        for (SimulatedEvent e : events) {
            byId.put(e.eventId(), e);
            oldest = e.publishedAt().isBefore(oldest) ? e.publishedAt() : oldest;
        }
        Map<String, Map<String, Integer>> queued = new HashMap<>();
        Map<String, Integer> inApp = new HashMap<>();
        record Queued(String key, String channel, String status) {
        }
        for (Queued q : Sql.list(dataSource, "read the notifications of simulated events",
                "select notification_key, channel, status from notification_queue where created_at >= ?",
                rs -> new Queued(rs.getString(1), rs.getString(2), rs.getString(3)), oldest.minusSeconds(1))) {
            String eventId = eventIdIn(q.key(), byId);
            if (eventId != null) {
                queued.computeIfAbsent(eventId, k -> new java.util.TreeMap<>()).merge(q.channel(), 1, Integer::sum);
                if ("in_app".equals(q.channel()) && "sent".equals(q.status())) {
                    inApp.merge(eventId, 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> emails = new HashMap<>();
        for (CapturedMail m : mail.received()) {
            String id = eventIdIn(m.idempotencyKey(), byId);
            if (id != null) {
                emails.merge(id, 1, Integer::sum);
            }
        }
        Map<String, Integer> pushes = new HashMap<>();
        push.ifPresent(p -> p.received().forEach(r -> {
            String id = eventIdIn(pushKey(r), byId);
            if (id != null) {
                pushes.merge(id, 1, Integer::sum);
            }
        }));
        List<Summary> out = new ArrayList<>();
        for (SimulatedEvent e : events) {
            List<DeliveryLedger.Delivery> ws = ledger.deliveries(e.eventId());
            out.add(new Summary(e, ws.size(), ws.stream().mapToInt(DeliveryLedger.Delivery::connections).sum(),
                    queued.getOrDefault(e.eventId(), Map.of()), inApp.getOrDefault(e.eventId(), 0),
                    emails.getOrDefault(e.eventId(), 0), pushes.getOrDefault(e.eventId(), 0)));
        }
        return out;
    }

    /** How far back a trace reaches, in one sentence. */
    public String reach() {
        return "WebSocket deliveries: the last " + ledger.capacity() + " events this instance delivered"
                + " (remembered in memory); notifications and in-app rows: the database"
                + (push.isPresent() ? "; e-mails and pushes: the sandbox's SMTP and push captures" : "");
    }

    /**
     * Everything an event caused, as far as this instance can see: any event id, published by anyone
     * (the simulator's own also carry their summary). Empty when nothing is known of it here: never
     * delivered here within the ledger's reach and no notification names it.
     */
    public Optional<Details> details(String eventId) {
        SimulatedEvent simulated = journal.get().stream().filter(e -> e.eventId().equals(eventId)).findFirst()
                .orElse(null);
        {
            Map<String, Boolean> only = Map.of(eventId, true);
            List<QueuedNotification> notifications = new ArrayList<>();
            List<InAppRow> inApp = new ArrayList<>();
            String pattern = "%:" + eventId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ":%";
            // the LIKE narrows by the key's shape; eventIdIn keeps only keys that name this event exactly
            record Keyed<T>(String key, T row) {
            }
            Sql.list(dataSource, "read the notifications of " + eventId, "select id, user_id, notification_type,"
                    + " channel, status, title, error_message, notification_key from notification_queue"
                    + " where notification_key like ? escape '\\' order by id",
                    rs -> new Keyed<>(rs.getString(8), new QueuedNotification(rs.getLong(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))),
                    pattern).stream().filter(k -> eventIdIn(k.key(), only) != null)
                    .forEach(k -> notifications.add(k.row()));
            Sql.list(dataSource, "read the in-app notifications of " + eventId, "select n.id, n.user_id,"
                    + " n.notification_type, n.title, n.body, n.created_at, q.notification_key, n.acknowledged_at,"
                    + " n.fallback_at, n.fallback_queue_id, f.status, n.fallback_outcome from notifications n"
                    + " join notification_queue q on q.id = n.queue_id"
                    + " left join notification_queue f on f.id = n.fallback_queue_id"
                    + " where q.notification_key like ? escape '\\' order by n.id",
                    rs -> {
                        long fallback = rs.getLong(10);
                        Long fallbackId = rs.wasNull() ? null : fallback;
                        return new Keyed<>(rs.getString(7), new InAppRow(rs.getLong(1), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getString(5), Sql.instant(rs, 6),
                                Sql.instant(rs, 8), Sql.instant(rs, 9), fallbackId, rs.getString(11),
                                rs.getString(12)));
                    },
                    pattern).stream().filter(k -> eventIdIn(k.key(), only) != null)
                    .forEach(k -> inApp.add(k.row()));
            List<CapturedMail> emails = mail.received().stream()
                    .filter(m -> eventIdIn(m.idempotencyKey(), only) != null).toList();
            List<Push> pushes = push.map(p -> p.received().stream()
                    .filter(r -> eventIdIn(pushKey(r), only) != null)
                    .map(r -> new Push(r.label(), r.urgency(), r.topic(), r.ttl(), r.decryptedJson(), r.receivedAt()))
                    .toList()).orElse(List.of());
            List<DeliveryLedger.Delivery> ws = ledger.deliveries(eventId);
            // a chat message or room change: who has it unseen and their digest (rooms this instance delivered it to)
            List<FollowUpAdmin.MessageFollowUp> unseen = new ArrayList<>();
            ws.stream().flatMap(d -> d.rooms().stream()).distinct()
                    .filter(room -> room.startsWith("chat:") || room.startsWith("tee-time:"))
                    .forEach(room -> followUps.message(room, eventId).ifPresent(unseen::add));
            SimulatedEvent event = simulated;
            if (event == null) {
                if (ws.isEmpty() && notifications.isEmpty() && emails.isEmpty() && pushes.isEmpty()) {
                    return Optional.empty();
                }
                String type = !ws.isEmpty() ? ws.get(0).messageType()
                        : !notifications.isEmpty() ? notifications.get(0).type() : "?";
                event = new SimulatedEvent(eventId, type, null, "published outside the console; WebSocket messages: "
                        + ws.size() + " (to " + ws.stream().mapToInt(DeliveryLedger.Delivery::connections).sum()
                        + " connections here); notifications: " + notifications.size(), OUTSIDE, null, 0);
            }
            return Optional.of(new Details(event, ws, notifications, inApp, emails, pushes, unseen, reach()));
        }
    }

    /** The event id among {@code known} that a notification or idempotency key names, or null. */
    static String eventIdIn(String key, Map<String, ?> known) {
        if (key == null) {
            return null;
        }
        for (String part : key.split(":")) {
            if (known.containsKey(part)) {
                return part;
            }
        }
        return null;
    }

    /** The idempotency key inside a push payload ({@code "id"}); null when it has none. */
    private static String pushKey(ReceivedPush r) {
        try {
            com.fasterxml.jackson.databind.JsonNode id = golf.linkup.engine.json.Json.MAPPER.readTree(r.decryptedJson())
                    .path("id");
            return id.isTextual() ? id.asText() : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
