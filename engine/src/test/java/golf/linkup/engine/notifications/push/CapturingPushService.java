package golf.linkup.engine.notifications.push;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A push service that checks nothing: it keeps each request's headers and raw body and answers
 * 201, so a test can inspect exactly what the sender put on the wire.
 */
final class CapturingPushService implements HttpHandler {

    /** One request; header names in lower case. */
    record Captured(Map<String, String> headers, byte[] body) {
    }

    final BlockingQueue<Captured> captured = new LinkedBlockingQueue<>();

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        Map<String, String> headers = new TreeMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), values.getFirst());
        }
        byte[] body = exchange.getInputStream().readAllBytes();
        captured.add(new Captured(headers, body));
        exchange.setStatusCode(201);
        exchange.endExchange();
    }
}
