package golf.linkup.engine.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** The HTTP API's response shape: {@code {success, data}} or {@code {success:false, error:{code, message}}}. */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static String error(String code, String message) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("success", false);
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return root.toString();
    }

    public static String success(Object data) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("success", true);
        root.set("data", Json.MAPPER.valueToTree(data));
        return root.toString();
    }

    public static void send(HttpServerExchange exchange, int status, String json) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseSender().send(json);
    }
}
