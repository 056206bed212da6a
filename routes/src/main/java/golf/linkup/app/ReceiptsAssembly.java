package golf.linkup.app;

import golf.linkup.engine.receipts.AckRecorder;
import golf.linkup.engine.receipts.PushFallback;
import golf.linkup.engine.receipts.ReceiptSettings;
import golf.linkup.engine.receipts.ReceiptStore;

/**
 * Delivery receipts of in-app notifications: records the clients' {@code ack}s (registered on the
 * gateway, which answers them) and the push fallback's work, which the clustered scheduler runs as
 * the job {@code receipt-fallbacks}.
 */
public final class ReceiptsAssembly {

    private final ReceiptSettings settings;
    private final AckRecorder acks;
    private final PushFallback fallback;

    /**
     * Registers the ack recorder on the gateway: like the follow-up features, receipts only add to
     * what the gateway does (without them an ack is answered and not stored).
     */
    ReceiptsAssembly(InfrastructureAssembly infrastructure, GatewayAssembly gateway,
            NotificationAssembly notifications, ReceiptSettings settings) {
        this.settings = settings;
        var meters = infrastructure.metrics().meterRegistry();
        var clock = infrastructure.clock();
        ReceiptStore store = new ReceiptStore(infrastructure.database().dataSource());
        // closed before the database (the closer runs in reverse): acks waiting at shutdown are written first
        acks = infrastructure.closer().add(new AckRecorder(store, clock, meters, settings.enabled()).start());
        gateway.service().onAck(acks);
        fallback = new PushFallback(store, notifications.service(), notifications.devices(), settings, clock, meters);
    }

    public ReceiptSettings settings() {
        return settings;
    }

    /** The push fallback's work, for the clustered scheduler (and tests that run it directly). */
    public PushFallback fallback() {
        return fallback;
    }
}
