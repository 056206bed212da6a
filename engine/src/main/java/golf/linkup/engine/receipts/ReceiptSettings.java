package golf.linkup.engine.receipts;

import golf.linkup.engine.config.SettingsReader;
import java.time.Duration;

/**
 * Delivery receipts of in-app notifications and their push fallback ({@code linkup.receipts.*}; every
 * key is documented in {@code application.properties}).
 *
 * @param enabled   record the clients' {@code ack}s and send the push fallback at all (off: an ack is
 *                  answered and counted, nothing is stored, nothing falls back)
 * @param pushAfter a high- or critical-priority in-app notification no connection acknowledged this long
 *                  after it was stored is sent once by Web Push
 * @param maxAge    older unacknowledged notifications are left alone (no late pushes about the past, and
 *                  none for what was stored before clients acknowledged)
 * @param batch     notifications one run of the fallback job decides at most (the rest: next run)
 */
public record ReceiptSettings(boolean enabled, Duration pushAfter, Duration maxAge, int batch) {

    public static ReceiptSettings read(SettingsReader in) {
        Duration pushAfter = in.duration("linkup.receipts.push-after", Duration.ofMinutes(2));
        Duration maxAge = in.duration("linkup.receipts.max-age", Duration.ofHours(1));
        if (pushAfter.isZero()) {
            in.refuse("linkup.receipts.push-after", "must be more than 0");
        }
        if (maxAge.compareTo(pushAfter) <= 0) {
            in.refuse("linkup.receipts.max-age", "must be longer than linkup.receipts.push-after (" + pushAfter + ")");
        }
        return new ReceiptSettings(in.bool("linkup.receipts.enabled", true), pushAfter, maxAge,
                in.integer("linkup.receipts.fallback-batch", 200, 1, 10_000));
    }

    /** The defaults ({@link #read} with no key set). */
    public static ReceiptSettings defaults() {
        return read(new SettingsReader(key -> null));
    }
}
