package golf.linkup.engine.sandbox.push;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.PathHandler;
import java.net.InetSocketAddress;

/**
 * A real Undertow on a free loopback port serving a {@link SandboxPushService} under
 * {@link SandboxPushService#MOUNT_PATH}, wrapped in a {@code BlockingHandler} as the engine's
 * {@code GatewayServer.prefixPath} does, plus whatever extra handlers a test adds.
 */
public final class PushTestServer implements AutoCloseable {

    public final SandboxPushService sandbox;
    private final PathHandler paths = Handlers.path();
    private final Undertow undertow;
    private final int port;

    public PushTestServer(SandboxPushService sandbox) {
        this.sandbox = sandbox;
        paths.addPrefixPath(SandboxPushService.MOUNT_PATH, new BlockingHandler(sandbox));
        undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(paths).build();
        undertow.start();
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Serves {@code handler} under {@code prefix} from now on. */
    public PushTestServer mount(String prefix, HttpHandler handler) {
        paths.addPrefixPath(prefix, new BlockingHandler(handler));
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
