package golf.linkup.app;

import golf.linkup.engine.demo.DemoPage;
import golf.linkup.engine.demo.SandboxDemoApi;
import golf.linkup.engine.storage.JdbcParticipants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo page at {@code /demo/} ({@code linkup.demo.*}) and, in the sandbox only, its stand-in API
 * server (sample tokens, chat, announcements) that appends to the event stream as the API server does.
 */
final class DemoAssembly {

    private static final Logger LOG = LoggerFactory.getLogger(DemoAssembly.class);

    DemoAssembly(InfrastructureAssembly infrastructure, IntakeAssembly intake, GatewayAssembly gateway) {
        var settings = infrastructure.settings();
        if (settings.demo().enabled()) {
            gateway.server().prefixPath(DemoPage.MOUNT_PATH, new DemoPage(settings.demo().dir()));
            if (settings.sandbox()) {
                var dataSource = infrastructure.database().dataSource();
                new SandboxDemoApi(dataSource, new JdbcParticipants(dataSource), gateway.jwtIssuer(),
                        gateway.jwtVerifier(), intake.eventStream()::append, infrastructure.clock())
                        .mount(gateway.server());
            }
        }
        settings.demo().note().ifPresent(LOG::warn);
    }
}
