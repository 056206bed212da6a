package golf.linkup.engine.notifications.inapp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import golf.linkup.engine.gateway.fanout.FanoutEnvelope;
import golf.linkup.engine.gateway.fanout.FanoutPublisher;
import golf.linkup.engine.gateway.rooms.Rooms;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.StoredChannelSender;
import golf.linkup.engine.notifications.Delivery;
import golf.linkup.engine.notifications.DeliveryOutcome;
import golf.linkup.engine.storage.Sql;
import golf.linkup.engine.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *
 * <p>The outbox delivers a claim through {@link #store}: the centre rows in the transaction that marks
 * the outbox rows sent (one commit per claim), the live messages after that commit. {@link #send}
 * does one delivery on its own (its own commit, then the live message).
 */
public final class InAppSender implements StoredChannelSender {

    private static final Logger LOG = LoggerFactory.getLogger(InAppSender.class);
    private static final String STORE = "store an in-app notification";
    private static final String INSERT = "insert into notifications (queue_id, user_id, notification_type, title, body,"
            + " data, created_at) values (?, ?, ?, ?, ?, ?, ?)";

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
                    return Sql.insertReturningKey(c, STORE, INSERT, "id",
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
        try {
            publishLive(d, id, now);
        } catch (RuntimeException e) {
            // the centre row exists; the live message is a courtesy the client also gets by paging the centre
            return DeliveryOutcome.sent("stored as notification " + id + "; live message failed: " + e.getMessage());
        }
        return DeliveryOutcome.sent("stored as notification " + id);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Three statements for the whole claim: the centre rows that exist already (none, unless a
     * delivery of the same row was stored on its own through {@link #send}), one JDBC batch of inserts
     * for the others, and their ids. After the commit, the live messages in one go
     * ({@link FanoutPublisher#publishAll}: one Redis round trip); a failure is logged and nothing
     * worse (the centre rows are there).
     */
    @Override
    public Stored store(Connection c, List<Delivery> deliveries) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<Long> outboxIds = deliveries.stream().map(Delivery::outboxId).toList();
        Map<Long, Long> centreIds = centreIds(c, outboxIds);
        List<Object[]> inserts = new ArrayList<>();
        for (Delivery d : deliveries) {
            if (!centreIds.containsKey(d.outboxId())) {
                inserts.add(new Object[] {d.outboxId(), d.recipient().userId(), d.type().key(), d.message().title(),
                        d.message().body(), Json.write(d.message().data()), now});
            }
        }
        if (!inserts.isEmpty()) {
            Sql.batch(c, STORE, INSERT, inserts);
            centreIds = centreIds(c, outboxIds);
        }
        List<String> responses = new ArrayList<>(deliveries.size());
        List<Long> ids = new ArrayList<>(deliveries.size());
        for (Delivery d : deliveries) {
            Long id = centreIds.get(d.outboxId());
            if (id == null) {
                throw new SQLException("the centre row of outbox row " + d.outboxId() + " was not stored");
            }
            ids.add(id);
            responses.add("stored as notification " + id);
        }
        return new Stored(responses, () -> {
            List<FanoutEnvelope> live = new ArrayList<>(deliveries.size());
            for (int i = 0; i < deliveries.size(); i++) {
                live.add(liveMessage(deliveries.get(i), ids.get(i), now));
            }
            try {
                fanout.publishAll(live);
            } catch (RuntimeException e) {
                LOG.warn("live messages of notifications {} to {} failed (they are in the centre): {}", ids.get(0),
                        ids.get(ids.size() - 1), e.toString());
            }
        });
    }

    private static Map<Long, Long> centreIds(Connection c, List<Long> outboxIds) {
        Map<Long, Long> ids = new HashMap<>();
        for (long[] pair : Sql.list(c, STORE, "select queue_id, id from notifications where queue_id = any(?)",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, Sql.bigintArray(outboxIds))) {
            ids.put(pair[0], pair[1]);
        }
        return ids;
    }

    private void publishLive(Delivery d, long id, OffsetDateTime now) {
        fanout.publish(liveMessage(d, id, now));
    }

    /** The live {@code notification} message to every connection of the user, on every instance. */
    private static FanoutEnvelope liveMessage(Delivery d, long id, OffsetDateTime now) {
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
        return FanoutEnvelope.toRooms(List.of(Rooms.user(d.recipient().userId())), m.toString(),
                EngineMetrics.nowMicros());
    }

    private static long existing(Connection c, long outboxId) {
        return Sql.first(c, STORE, "select id from notifications where queue_id = ?", rs -> rs.getLong(1), outboxId)
                .orElse(-1L);
    }
}
