package golf.linkup.app;

import golf.linkup.engine.config.EngineSettings;
import golf.linkup.engine.domain.User;
import golf.linkup.engine.config.InvalidSettingException;
import golf.linkup.engine.http.UnsubscribeHandler;
import golf.linkup.engine.http.api.NotificationsApi;
import golf.linkup.engine.notifications.NotificationRules;
import golf.linkup.engine.notifications.devices.DeviceTokenValidator;
import golf.linkup.engine.notifications.devices.JdbcDeviceTokenStore;
import golf.linkup.engine.notifications.inapp.InAppSender;
import golf.linkup.engine.notifications.inapp.NotificationCentre;
import golf.linkup.engine.notifications.intake.NotificationService;
import golf.linkup.engine.notifications.outbox.JdbcOutboxStore;
import golf.linkup.engine.notifications.outbox.OutboxMetrics;
import golf.linkup.engine.notifications.outbox.OutboxStore;
import golf.linkup.engine.notifications.policy.JdbcPreferencesStore;
import golf.linkup.engine.notifications.push.VapidKeys;
import golf.linkup.engine.notifications.push.WebPushSender;
import golf.linkup.engine.notifications.push.WebPushSettings;
import golf.linkup.engine.notifications.templates.MustacheTemplateRenderer;
import golf.linkup.engine.notifications.unsubscribe.UnsubscribeLinks;
import golf.linkup.engine.sandbox.push.SandboxPushService;
import golf.linkup.notifications.email.SandboxMailServer;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications from rule to outbox, and the channels' senders the delivery routes use: in-app,
 * Web Push (VAPID keys, allowed push services) and e-mail (the SMTP relay, or GreenMail in the
 * sandbox), the one-click unsubscribe links, the devices/preferences/notification-centre API, and in
 * the sandbox the push service stand-in that records what it receives.
 */
public final class NotificationAssembly {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationAssembly.class);

    private final Function<String, Optional<User>> users;
    private final OutboxStore outbox;
    private final JdbcPreferencesStore preferences;
    private final JdbcDeviceTokenStore devices;
    private final NotificationService notifications;
    private final NotificationRules rules;
    private final InAppSender inAppSender;
    private final VapidKeys vapidKeys;
    private final UnsubscribeLinks unsubscribeLinks;
    private final WebPushSender pushSender;
    private final Optional<SandboxPushService> sandboxPush;
    private final Optional<SandboxMailServer> sandboxMail;
    private final URI smtpUri;

    /** @param wakeDeliveries called whenever notifications were queued (the delivery routes wake up) */
    NotificationAssembly(InfrastructureAssembly infrastructure, GatewayAssembly gateway, Runnable wakeDeliveries) {
        EngineSettings settings = infrastructure.settings();
        var clock = infrastructure.clock();
        var dataSource = infrastructure.database().dataSource();
        var users = infrastructure.users();
        this.users = users::findUser;
        outbox = new JdbcOutboxStore(dataSource);
        new OutboxMetrics(outbox, clock, infrastructure.metrics().meterRegistry());
        preferences = new JdbcPreferencesStore(dataSource);
        notifications = new NotificationService(outbox, preferences, users::findUser,
                new MustacheTemplateRenderer(settings.templatesDir()), clock,
                infrastructure.metrics().meterRegistry(), wakeDeliveries);
        rules = new NotificationRules(users);
        inAppSender = new InAppSender(dataSource, gateway.fanoutPublisher(), clock);
        devices = new JdbcDeviceTokenStore(dataSource, clock);
        try {
            vapidKeys = settings.sandbox() ? VapidKeys.loadOrGenerate(settings.vapidKeysFile())
                    : VapidKeys.load(settings.vapidKeysFile());
        } catch (IOException e) {
            throw new InvalidSettingException("linkup.push.vapid-keys-file", "cannot read "
                    + settings.vapidKeysFile() + ": " + e.getMessage());
        }
        // one-click unsubscribe links of non-transactional e-mails (RFC 8058), served at /unsubscribe
        unsubscribeLinks = new UnsubscribeLinks(() -> settings.publicUrl()
                .orElseGet(() -> URI.create("http://localhost:" + gateway.port())), settings.jwtSecret());
        // https to allowed push services on public addresses
        pushSender = new WebPushSender(devices, vapidKeys, WebPushSettings.defaults(settings.vapidSubject())
                .withEndpoints(settings.pushEndpoints()));
        sandboxPush = settings.sandbox() ? Optional.of(new SandboxPushService()) : Optional.empty();
        if (settings.smtpUri().isPresent()) {
            sandboxMail = Optional.empty();
            smtpUri = settings.smtpUri().get();
        } else {
            SandboxMailServer mail = new SandboxMailServer();
            mail.start();
            infrastructure.closer().add(mail::stop);
            sandboxMail = Optional.of(mail);
            smtpUri = URI.create("smtp://127.0.0.1:" + mail.smtpPort());
            LOG.info("started an embedded SMTP server (GreenMail) on {}", smtpUri);
        }
        new NotificationsApi(devices, preferences, notifications, new NotificationCentre(dataSource, clock),
                gateway.connections(), vapidKeys::publicKeyBase64Url, users::findUser, clock,
                new DeviceTokenValidator(settings.pushEndpoints())).register(gateway.api());
        gateway.server().exactPath(UnsubscribeLinks.PATH, new UnsubscribeHandler(unsubscribeLinks, preferences));
        sandboxPush.ifPresent(push -> gateway.server().prefixPath(SandboxPushService.MOUNT_PATH, push));
    }

    /** Users as notifications need them (name, e-mail, language, time zone). */
    public Function<String, Optional<User>> users() {
        return users;
    }

    public OutboxStore outbox() {
        return outbox;
    }

    JdbcPreferencesStore preferences() {
        return preferences;
    }

    JdbcDeviceTokenStore devices() {
        return devices;
    }

    /** Queues a rule's notification in the outbox (rendered, after the user's preferences). */
    public NotificationService service() {
        return notifications;
    }

    /** Which notification each trigger makes, and for whom. */
    public NotificationRules rules() {
        return rules;
    }

    public InAppSender inAppSender() {
        return inAppSender;
    }

    public WebPushSender pushSender() {
        return pushSender;
    }

    /** The e-mail channel's relay: the configured SMTP URL, or the sandbox's GreenMail. */
    public URI smtpUri() {
        return smtpUri;
    }

    /** The unsubscribe links the e-mail channel puts in non-transactional e-mails. */
    public UnsubscribeLinks unsubscribeLinks() {
        return unsubscribeLinks;
    }

    /** The sandbox's push service (decrypts and records what it receives); empty in production. */
    public Optional<SandboxPushService> sandboxPush() {
        return sandboxPush;
    }

    /** The sandbox's SMTP server; empty when an external relay is configured. */
    public Optional<SandboxMailServer> sandboxMail() {
        return sandboxMail;
    }
}
