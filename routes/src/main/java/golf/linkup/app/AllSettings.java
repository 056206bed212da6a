package golf.linkup.app;

import golf.linkup.engine.config.EngineSettings;
import golf.linkup.engine.config.FollowUpSettings;
import golf.linkup.engine.config.SettingsReader;
import golf.linkup.engine.config.WebhookSettings;
import golf.linkup.engine.matching.MatchingSettings;
import golf.linkup.engine.receipts.ReceiptSettings;
import golf.linkup.engine.schedules.ScheduleSettings;

/**
 * Every setting of one engine instance, one typed record per feature ({@code linkup.*} with its
 * gateway, intake, booking, demo and health parts; {@code matching.*}; {@code linkup.schedules.*};
 * {@code linkup.missed.*} and {@code linkup.backend-events.*}; {@code linkup.receipts.*}; {@code linkup.webhook.*}),
 * read through one {@link SettingsReader}. Read at start-up; every bad or missing key is named in
 * one exception, whichever feature it belongs to.
 */
record AllSettings(EngineSettings engine, MatchingSettings matching, ScheduleSettings schedules,
        FollowUpSettings followUp, ReceiptSettings receipts, WebhookSettings webhook) {

    /** Reads every feature's settings from {@code in} (a collecting reader), then refuses all that was bad. */
    static AllSettings read(SettingsReader in) {
        AllSettings settings = new AllSettings(EngineSettings.read(in), MatchingSettings.read(in),
                ScheduleSettings.read(in), FollowUpSettings.read(in), ReceiptSettings.read(in),
                WebhookSettings.read(in));
        if (settings.webhook().enabled() && !settings.followUp().backendEnabled()) {
            in.refuse("linkup.webhook.url", "needs linkup.backend-events.enabled=true (the webhook posts that"
                    + " stream's entries)");
        }
        in.throwIfRefused();
        return settings;
    }
}
