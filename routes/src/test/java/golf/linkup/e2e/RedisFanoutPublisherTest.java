package golf.linkup.e2e;

import golf.linkup.engine.gateway.connections.ConnectionRegistry;
import golf.linkup.engine.gateway.fanout.FanoutPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Redis publisher meets the fan-out contract end to end: PUBLISH on a real Redis, the
 * engine's {@code fanout-deliver} route, and the engine's connection registry.
 */
class RedisFanoutPublisherTest extends FanoutPublisherContract {

    static EngineInstance engine;

    @BeforeAll
    static void start() throws Exception {
        engine = EngineInstance.start(EngineInstance.defaults(SharedRedis.uri()));
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    @Override
    protected FanoutPublisher publisher() {
        return engine.engine().gateway().fanoutPublisher();
    }

    @Override
    protected ConnectionRegistry registry() {
        return engine.engine().gateway().connections();
    }
}
