package golf.linkup.engine.notifications.intake;

import golf.linkup.engine.json.Json;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.notifications.RenderedMessage;
import golf.linkup.engine.notifications.outbox.OutboxRow;
import golf.linkup.engine.notifications.outbox.OutboxStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * The outbox step: writes a rendered notification, either as a new row (idempotent on cause +
 * recipient + channel: a duplicate inserts nothing) or into the held summary it was folded into.
 * Counts {@code linkup.notifications.queued{channel, type}}, {@code linkup.notifications.batched{channel}}
 * and a duplicate as {@code linkup.notifications.suppressed{channel, reason=DUPLICATE}}.
 */
public final class OutboxWriter {

    private final OutboxStore outbox;
    private final Clock clock;
    private final MeterRegistry meters;

    public OutboxWriter(OutboxStore outbox, Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
    }

    /** @return true when a row was inserted or a summary updated; false for a duplicate */
    public boolean write(RenderedNotification rendered) {
        PlannedNotification p = rendered.planned();
        NotificationIntent intent = p.intent();
        RenderedMessage m = rendered.message();
        boolean queued;
        if (p.foldInto() != null) {
            outbox.updateBatch(p.foldInto().id(), p.count(), m.title(), m.body(), m.html(), Json.write(m.data()),
                    Json.write(p.model()));
            meters.counter("linkup.notifications.batched", "channel", p.channel().key()).increment();
            queued = true;
        } else {
            boolean batched = p.channel() != Channel.IN_APP && !intent.type().transactional();
            queued = outbox.enqueue(new OutboxRow(0, p.idempotencyKey(), intent.notificationKey(), p.user().id(),
                    intent.type(), p.channel(), m.title(), m.body(), m.html(), Json.write(m.data()),
                    Json.write(p.model()), p.user().locale().toLanguageTag(), intent.priority(),
                    batched ? intent.batchKey() : null, p.count(), p.scheduled(), "pending", 0, null, null,
                    clock.instant()));
        }
        if (queued) {
            meters.counter("linkup.notifications.queued", "channel", p.channel().key(), "type", intent.type().key())
                    .increment();
        } else {
            meters.counter("linkup.notifications.suppressed", "channel", p.channel().key(), "reason", "DUPLICATE")
                    .increment();
        }
        return queued;
    }
}
