package golf.linkup.routes;

import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.notifications.intake.NotificationService;
import golf.linkup.engine.notifications.outbox.OutboxStore;
import golf.linkup.engine.notifications.policy.JdbcPreferencesStore;
import golf.linkup.engine.notifications.templates.MustacheTemplateRenderer;
import golf.linkup.engine.storage.JdbcDeadLetterStore;
import golf.linkup.engine.storage.MatchingStore;
import golf.linkup.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterEach;

/**
 * A route-level test: a Camel context with the engine's route configurations ({@link EventErrorHandling},
 * dead letters on a migrated H2 database of its own) and the routes under test. A test that
 * replaces an edge endpoint with {@code AdviceWith} passes {@code advised = true}: the context then
 * starts when the test calls {@code context.start()}.
 */
public abstract class RouteTestSupport extends CamelTestSupport {

    protected final TestDatabase db = TestDatabase.h2();
    protected final JdbcDeadLetterStore deadLetters = new JdbcDeadLetterStore(db.dataSource());
    protected final EngineMetrics metrics = new EngineMetrics();
    private final boolean advised;

    protected RouteTestSupport(boolean advised) {
        this.advised = advised;
    }

    /** The routes under test (the error-handling configurations are added in front of them). */
    protected abstract RoutesBuilder[] routes() throws Exception;

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(advised);
    }

    @Override
    protected final RoutesBuilder[] createRouteBuilders() throws Exception {
        RoutesBuilder[] routes = routes();
        RoutesBuilder[] all = new RoutesBuilder[routes.length + 1];
        all[0] = new EventErrorHandling(deadLetters, metrics, "test@instance-a");
        System.arraycopy(routes, 0, all, 1, routes.length);
        return all;
    }

    /** The real notification steps (policy, Mustache templates from the repository, outbox) on this database. */
    protected NotificationService notificationService(OutboxStore outbox, MatchingStore users) {
        return new NotificationService(outbox, new JdbcPreferencesStore(db.dataSource()), users::findUser,
                new MustacheTemplateRenderer(Path.of("../templates")), Clock.systemUTC(), metrics.meterRegistry(),
                () -> { });
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
