package golf.linkup.engine.http;

import golf.linkup.engine.json.JsonResponses;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.policy.PreferencesStore;
import golf.linkup.engine.notifications.policy.TypeSettings;
import golf.linkup.engine.notifications.unsubscribe.UnsubscribeLinks;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /unsubscribe?token=…}, the target of an e-mail's {@code List-Unsubscribe} header (RFC 8058).
 * <ul>
 *   <li>{@code POST} (what a mail client's one-click unsubscribe sends, body
 *       {@code List-Unsubscribe=One-Click}): turns the e-mail of the token's notification type off for
 *       the token's user (push, in-app and other types stay as they are) and answers 200;</li>
 *   <li>{@code GET} (a person following the link): a page with a button that sends that POST; a GET
 *       changes nothing, so link scanners in mail filters cannot unsubscribe anyone;</li>
 *   <li>a token that does not verify: 400; another method: 405.</li>
 * </ul>
 * No login: the signed token is the authority ({@link UnsubscribeLinks}).
 */
public final class UnsubscribeHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UnsubscribeHandler.class);

    private final UnsubscribeLinks links;
    private final PreferencesStore preferences;

    public UnsubscribeHandler(UnsubscribeLinks links, PreferencesStore preferences) {
        this.links = links;
        this.preferences = preferences;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this); // the database is written: not on an I/O thread
            return;
        }
        boolean post = Methods.POST.equals(exchange.getRequestMethod());
        if (!post && !Methods.GET.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, POST");
            JsonResponses.send(exchange, 405, JsonResponses.error("METHOD_NOT_ALLOWED", "use POST (one-click) or GET"));
            return;
        }
        Deque<String> tokens = exchange.getQueryParameters().get("token");
        String token = tokens == null || tokens.isEmpty() ? null : tokens.getFirst();
        Optional<UnsubscribeLinks.Target> target = links.verify(token);
        if (target.isEmpty()) {
            page(exchange, 400, "This unsubscribe link is not valid",
                    "<p>The link is incomplete or was changed. Open it again from the e-mail, or change your "
                            + "notification settings in the LinkUp Golf app.</p>");
            return;
        }
        NotificationType type = target.get().type();
        String what = escape(label(type));
        if (!post) {
            page(exchange, 200, "Unsubscribe from " + what + " e-mails",
                    "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                            + "<p>Stop e-mails about " + what + "? Other notifications stay as they are.</p>"
                            + "<button type=\"submit\">Unsubscribe</button></form>");
            return;
        }
        String userId = target.get().userId();
        TypeSettings now = preferences.settings(userId, type);
        preferences.save(userId, List.of(new TypeSettings(type, now.enabled(), now.push(), false)));
        LOG.info("user {} unsubscribed from {} e-mails", userId, type.key());
        page(exchange, 200, "Unsubscribed", "<p>You will no longer get e-mails about " + what
                + " from LinkUp Golf. You can turn them on again in the app's notification settings.</p>");
    }

    private static String label(NotificationType type) {
        return type.key().replace('_', ' ');
    }

    private static void page(HttpServerExchange exchange, int status, String title, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseSender().send("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + title + "</title></head><body><h1>" + title + "</h1>" + body + "</body></html>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
