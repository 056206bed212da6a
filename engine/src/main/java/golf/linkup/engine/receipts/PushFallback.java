package golf.linkup.engine.receipts;

import com.fasterxml.jackson.core.type.TypeReference;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationIntent;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Priority;
import golf.linkup.engine.notifications.WebPushSubscriptions;
import golf.linkup.engine.notifications.intake.NotificationService;
import golf.linkup.engine.notifications.templates.RuleChannels;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push fallback (the timed job {@code receipt-fallbacks}): a high- or critical-priority in-app
 * notification that no connection of the user acknowledged within {@code push-after} is sent once
 * by Web Push, through {@link NotificationService#enqueue} (so the user's push setting for the type,
 * quiet hours and the frequency limits apply, and the push is rendered from the type's push
 * template: never a chat message's text).
 *
 * <p>Decided once per cluster: each notification is claimed with
 * {@code UPDATE ... SET fallback_at WHERE fallback_at IS NULL AND acknowledged_at IS NULL}, so of two
 * instances (or two runs) exactly one decides it, and an ack that came first wins. The push row's
 * idempotency key ({@code receipt_fallback:<id>:push}) is a second guard. {@code fallback_queue_id}
 * names the push row; it stays null when no push was queued: the user has no active push
 * subscription, turned push off for the type (or limits dropped it), the type has no push, or the
 * same notification already went (or is held to go) by push, so the user is not pushed twice.
 * A failure after the claim gives the claim back, so the next run decides again; an instance that
 * dies between claim and queue leaves that notification without a push (at most once).
 */
public final class PushFallback {

    private static final Logger LOG = LoggerFactory.getLogger(PushFallback.class);
    /** Notification keys of fallback pushes: {@code receipt_fallback:<centre id>}. */
    public static final String KEY_PREFIX = "receipt_fallback:";
    private static final TypeReference<Map<String, Object>> MODEL = new TypeReference<>() {
    };

    /** What became of one notification's fallback (the metric's {@code outcome} tag). */
    public enum Outcome {
        /** A push row was queued. */
        QUEUED,
        /** The user has no active Web Push subscription. */
        NO_DEVICE,
        /** The planner queued no push: the user's setting for the type, or the frequency limits. */
        SUPPRESSED,
        /** The same notification already went, or is held to go, by push. */
        PUSHED_ALREADY,
        /** The type is in-app only (no push template). */
        NOT_PUSHABLE;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final ReceiptStore store;
    private final NotificationService notifications;
    private final WebPushSubscriptions devices;
    private final ReceiptSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    public PushFallback(ReceiptStore store, NotificationService notifications, WebPushSubscriptions devices,
            ReceiptSettings settings, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.notifications = notifications;
        this.devices = devices;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        for (Outcome o : Outcome.values()) {
            counter(o); // declared at zero: a rate over them works from the start
        }
    }

    /** One run: decides every due notification (up to the batch); returns what it did, for the run log. */
    public String run() {
        if (!settings.enabled()) {
            return "delivery receipts are off";
        }
        Instant now = clock.instant();
        List<ReceiptStore.Due> due = store.due(now.minus(settings.maxAge()), now.minus(settings.pushAfter()),
                settings.batch());
        Map<Outcome, Integer> done = new LinkedHashMap<>();
        int taken = 0;
        RuntimeException failed = null;
        for (ReceiptStore.Due d : due) {
            if (!store.claim(d.id(), now)) {
                continue; // acknowledged meanwhile, or another instance decided it
            }
            taken++;
            Outcome outcome;
            try {
                outcome = decide(d);
            } catch (RuntimeException e) {
                // the others still go; this one is decided again next run (until it is older than max-age)
                store.release(d.id());
                LOG.warn("push fallback of notification {} for {} failed (decided again next run): {}", d.id(),
                        d.userId(), e.toString());
                failed = failed == null ? e : failed;
                continue;
            }
            store.recordOutcome(d.id(), outcome.tag());
            counter(outcome).increment();
            done.merge(outcome, 1, Integer::sum);
            LOG.debug("push fallback of notification {} ({}) for {}: {}", d.id(), d.type(), d.userId(), outcome);
        }
        String summary = due.size() + " unacknowledged, " + taken + " decided here " + done;
        if (failed != null) {
            throw new IllegalStateException(summary + "; failed: " + failed.getMessage(), failed); // the run log says so
        }
        return summary;
    }

    private Outcome decide(ReceiptStore.Due d) {
        Optional<NotificationType> type = NotificationType.fromKey(d.type());
        if (type.isEmpty() || !RuleChannels.uses(type.get(), Channel.PUSH)) {
            return Outcome.NOT_PUSHABLE;
        }
        if (store.pushedAlready(d.notificationKey())) {
            return Outcome.PUSHED_ALREADY;
        }
        if (devices.activeFor(d.userId()).isEmpty()) {
            return Outcome.NO_DEVICE;
        }
        String key = KEY_PREFIX + d.id();
        NotificationService.Result result = notifications.enqueue(new NotificationIntent(key, d.userId(), type.get(),
                Priority.valueOf(d.priority().toUpperCase(Locale.ROOT)), EnumSet.of(Channel.PUSH), model(d), null));
        if (!result.queued().contains(Channel.PUSH) && !"DUPLICATE".equals(result.suppressed().get(Channel.PUSH))) {
            return Outcome.SUPPRESSED;
        }
        Optional<Long> row = store.queueId(key + ":" + Channel.PUSH.key());
        if (row.isEmpty()) {
            return Outcome.SUPPRESSED;
        }
        store.recordPush(d.id(), row.get());
        return Outcome.QUEUED;
    }

    /** The model the in-app row was rendered from, without what the planner added. */
    private static Map<String, Object> model(ReceiptStore.Due d) {
        if (d.model() == null || d.model().isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> model = new HashMap<>(Json.MAPPER.readValue(d.model(), MODEL));
            model.remove("count");
            model.remove("batchedKeys");
            model.values().removeIf(java.util.Objects::isNull);
            return model;
        } catch (IOException e) {
            LOG.warn("unreadable model of notification {} ({}); the push is rendered without it", d.id(), e.toString());
            return Map.of();
        }
    }

    private io.micrometer.core.instrument.Counter counter(Outcome outcome) {
        return io.micrometer.core.instrument.Counter.builder("linkup.receipts.fallbacks")
                .description("push fallbacks decided for unacknowledged in-app notifications")
                .tag("outcome", outcome.tag()).register(meters);
    }
}
