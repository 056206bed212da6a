package golf.linkup.app;

import golf.linkup.engine.auth.JwtIssuer;
import golf.linkup.engine.config.EngineSettings;
import golf.linkup.engine.metrics.EngineMetrics;
import golf.linkup.engine.storage.Database;
import golf.linkup.engine.storage.DeadLetterStore;
import golf.linkup.redis.RedisConnections;

/**
 * One running engine instance as those who start it in-process see it: the sandbox banner, the
 * console's sandbox and the end-to-end tests. It is bound in the Camel registry under
 * {@link #BEAN_NAME}. The feature assemblies at the end are for tests that drive or inspect one
 * feature directly; nothing in production code reaches into them through this handle.
 */
public interface EngineHandle {

    /** Name under which the handle is bound in the Camel registry. */
    String BEAN_NAME = "linkupEngine";

    /** The bound HTTP/WebSocket port. */
    int httpPort();

    EngineSettings settings();

    /** Issues tokens with the engine's secret (players, operators). */
    JwtIssuer jwtIssuer();

    RedisConnections redis();

    Database database();

    EngineMetrics metrics();

    DeadLetterStore deadLetters();

    GatewayAssembly gateway();

    MatchingAssembly matching();

    NotificationAssembly notifications();

    ScheduleAssembly schedules();

    ReceiptsAssembly receipts();
}
