package golf.linkup.engine.admin.simulator;

import golf.linkup.engine.notifications.WebPushSubscriptions.WebPushSubscription;
import golf.linkup.engine.notifications.devices.JdbcDeviceTokenStore;
import golf.linkup.engine.notifications.policy.PreferencesStore;
import golf.linkup.engine.notifications.policy.QuietHours;
import golf.linkup.engine.sandbox.push.SandboxPushService;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the first simulated event, gives every sandbox user a browser (a Web Push subscription of
 * the sandbox push service, which decrypts and records what it receives) and no quiet hours, so
 * everything an event causes — push, e-mail, in-app — happens at once and shows in the inspector.
 * Users who already have stored quiet hours keep them. Sandbox only; done once.
 */
final class SimulatedDevices {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDevices.class);

    private final SandboxWrites writes;
    private final JdbcDeviceTokenStore devices;
    private final PreferencesStore preferences;
    private final SandboxPushService push;
    private final Supplier<String> baseUrl;
    private boolean prepared;

    SimulatedDevices(SandboxWrites writes, JdbcDeviceTokenStore devices, PreferencesStore preferences,
            SandboxPushService push, Supplier<String> baseUrl) {
        this.writes = writes;
        this.devices = devices;
        this.preferences = preferences;
        this.push = push;
        this.baseUrl = baseUrl;
    }

    synchronized void prepare() {
        if (prepared) {
            return;
        }
        List<String> users = writes.userIds();
        long started = System.nanoTime();
        int browsers = 0;
        for (String userId : users) {
            if (devices.activeFor(userId).isEmpty()) {
                WebPushSubscription browser = push.createSubscription(userId + "'s sandbox browser", baseUrl.get());
                devices.register(userId, browser.endpoint(), "web", browser.p256dh(), browser.auth(),
                        "{\"simulated\":true}");
                browsers++;
            }
            if (preferences.storedQuietHours(userId).isEmpty()) {
                preferences.saveQuietHours(userId, new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneOffset.UTC));
            }
        }
        prepared = true;
        LOG.info("simulator: {} sandbox browsers for {} users, quiet hours off, in {} ms", browsers, users.size(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
