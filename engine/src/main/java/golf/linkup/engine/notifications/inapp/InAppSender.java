package golf.linkup.engine.notifications.inapp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.gateway.fanout.FanoutPublisher;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.ChannelSender;
import golf.linkup.engine.notifications.Delivery;
import golf.linkup.engine.notifications.DeliveryOutcome;
import golf.linkup.engine.storage.Sql;
import golf.linkup.engine.storage.StorageException;
import java.sql.Connection;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * The in-app channel: a row in the user's notification centre ({@code notifications}, unique per
 * outbox row, so a repeated delivery adds nothing) and a live {@code notification} message to every
 * connection of the user, on every instance (fan-out to {@code user:{id}}). The live message carries
 * the centre row's id, so a client that gets it twice shows it once.
 */
public final class InAppSender implements ChannelSender {

    private static final String STORE = "store an in-app notification";

    private final DataSource dataSource;
    private final FanoutPublisher fanout;
    private final Clock clock;

    public InAppSender(DataSource dataSource, FanoutPublisher fanout, Clock clock) {
        this.dataSource = dataSource;
        this.fanout = fanout;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.IN_APP;
    }

    @Override
    public DeliveryOutcome send(Delivery d) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        long id;
        try {
            id = Sql.withConnection(dataSource, STORE, c -> {
                long existing = existing(c, d.outboxId());
                if (existing >= 0) {
                    return existing;
                }
                try {
                    return Sql.insertReturningKey(c, STORE, "insert into notifications (queue_id, user_id,"
                            + " notification_type, title, body, data, created_at) values (?, ?, ?, ?, ?, ?, ?)", "id",
                            d.outboxId(), d.recipient().userId(), d.type().key(), d.message().title(),
                            d.message().body(), Json.write(d.message().data()), now);
                } catch (StorageException e) {
                    if (!Sql.isUniqueViolation(e)) {
                        throw e;
                    }
                    return existing(c, d.outboxId()); // a concurrent delivery of the same row won
                }
            });
        } catch (StorageException e) {
            return DeliveryOutcome.retry("database: " + e.getCause().getMessage(), null);
        }
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("type", "notification");
        ObjectNode n = m.putObject("data").putObject("notification");
        n.put("id", id);
        n.put("type", d.type().key());
        n.put("title", d.message().title());
        n.put("body", d.message().body());
        n.set("data", Json.MAPPER.valueToTree(d.message().data()));
        n.put("createdAt", now.toInstant().toString());
        n.put("read", false);
        try {
            fanout.publish(FanoutEnvelope.toRooms(List.of(Rooms.user(d.recipient().userId())), m.toString(),
                    EngineMetrics.nowMicros()));
        } catch (RuntimeException e) {
            // the centre row exists; the live message is a courtesy the client also gets by paging the centre
            return DeliveryOutcome.sent("stored as notification " + id + "; live message failed: " + e.getMessage());
        }
        return DeliveryOutcome.sent("stored as notification " + id);
    }

    private static long existing(Connection c, long outboxId) {
        return Sql.first(c, STORE, "select id from notifications where queue_id = ?", rs -> rs.getLong(1), outboxId)
                .orElse(-1L);
    }
}
