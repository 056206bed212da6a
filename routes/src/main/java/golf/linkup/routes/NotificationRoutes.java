package golf.linkup.routes;

import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.outbox.OutboxDispatcher;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;

/**
 * Notification delivery (how rows get into the outbox: {@link NotifyRoutes}):
 * <ul>
 *   <li>{@code deliver-<channel>} ({@code deliver-in_app}, {@code deliver-email}, {@code deliver-push}):
 *       claims due rows of the channel and delivers them, batch after batch until none is due. It is
 *       woken as soon as rows are queued, and by {@code deliver-<channel>-timer} every
 *       {@code pollPeriod} for rows that became due later (retries, quiet hours, batch summaries).
 *       Inside, {@link OutboxDispatcher} is plain Java on purpose: a claim of rows is settled in one
 *       database transaction, which a route per row would split (docs/architecture.md).</li>
 *   <li>{@code deliver-email-smtp}: added by the e-mail sender, it ends in camel-mail's SMTP endpoint.</li>
 * </ul>
 * Every instance delivers; SKIP LOCKED claims keep them off each other's rows.
 */
public final class NotificationRoutes extends RouteBuilder {

    static final int BATCH = 200;

    private final OutboxDispatcher dispatcher;
    private final Duration pollPeriod;

    public NotificationRoutes(OutboxDispatcher dispatcher, Duration pollPeriod) {
        this.dispatcher = dispatcher;
        this.pollPeriod = pollPeriod;
    }

    /** The endpoint that wakes a channel's delivery route; a full queue means a wake-up is pending already. */
    public static String wakeUri(Channel channel) {
        return "seda:deliver-" + channel.key() + "?size=1&discardWhenFull=true";
    }

    @Override
    public void configure() {
        for (Channel channel : Channel.values()) {
            if (!dispatcher.handles(channel)) {
                continue;
            }
            from("timer:deliver-" + channel.key() + "?period=" + pollPeriod.toMillis())
                    .routeId("deliver-" + channel.key() + "-timer")
                    .routeDescription("wakes deliver-" + channel.key() + " for rows that became due")
                    .to(wakeUri(channel));
            from(wakeUri(channel))
                    .routeId(deliveryRouteId(channel))
                    .routeConfigurationId(EventErrorHandling.JOB_ERRORS)
                    .routeDescription("outbox → " + channel.key())
                    .process(exchange -> {
                        while (dispatcher.deliverDue(channel, BATCH) == BATCH) {
                            // a full batch: more may be due
                        }
                    });
        }
    }

    /** The route that delivers a channel's due outbox rows. */
    public static String deliveryRouteId(Channel channel) {
        return "deliver-" + channel.key();
    }
}
