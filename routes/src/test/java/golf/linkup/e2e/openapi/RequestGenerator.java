package golf.linkup.e2e.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import golf.linkup.e2e.openapi.OpenApiDocument.Operation;
import golf.linkup.e2e.openapi.OpenApiDocument.Parameter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Property-based request generation from the OpenAPI document: for an operation, a request whose
 * path and query parameters and JSON body are drawn from their schemas (enums, bounds, formats,
 * required fields, the ids the test's data set knows), then, about half the time, broken on
 * purpose (a wrong type, a value out of bounds, a missing required field, a huge string, a
 * non-numeric id, a body that is not JSON, has trailing text or a duplicate key). One seeded
 * {@link Random} makes every run reproducible.
 */
public final class RequestGenerator {

    /** A generated request: method, path with query, and the body text (null: no body). */
    public record GeneratedRequest(String method, String pathAndQuery, String body) {
        @Override
        public String toString() {
            return method + " " + pathAndQuery + (body == null ? "" : " " + abbreviate(body));
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> ODD_VALUES = List.of("", "-1", "0", "abc", "1.5", "99999999999999999999",
            "9223372036854775807", "-9223372036854775808", "null", "true", "%", "\u00e9t\u00e9", "a b", "user:user-0001",
            "tee-time:tt-1", "..", "x".repeat(300));

    private final OpenApiDocument document;
    private final Random random;
    private final Map<String, List<String>> knownIds;

    /**
     * @param knownIds ids the engine's data set has, by kind: {@code user}, {@code teeTime}; picked
     *                 for parameters and fields whose name says they hold one
     */
    public RequestGenerator(OpenApiDocument document, long seed, Map<String, List<String>> knownIds) {
        this.document = document;
        this.random = new Random(seed);
        this.knownIds = knownIds;
    }

    public GeneratedRequest next(Operation operation) {
        boolean breakIt = random.nextInt(100) < 50;
        int broken = breakIt ? random.nextInt(3) : -1; // 0: a path parameter, 1: the query, 2: the body
        String path = operation.path();
        StringJoiner query = new StringJoiner("&");
        for (Parameter p : operation.parameters()) {
            if (p.in().equals("path")) {
                // never empty or a dot segment: that would be another path, not this operation
                String value = broken == 0 && random.nextBoolean() ? oddPathValue()
                        : scalar(kindOf(operation.path(), p.name()), p.schema(), p.example());
                if (value.isEmpty() || value.equals(".") || value.equals("..")) {
                    value = randomWord();
                }
                path = path.replace("{" + p.name() + "}", encodePath(value));
            } else if (p.in().equals("query")) {
                boolean send = p.required() || random.nextInt(100) < 60;
                if (broken == 1 && random.nextInt(3) == 0) {
                    send = !send;
                }
                if (send) {
                    String value = broken == 1 && random.nextBoolean() ? odd() : scalar(p.name(), p.schema(), p.example());
                    query.add(encode(p.name()) + "=" + encode(value));
                }
            }
        }
        String body = null;
        if (operation.bodySchema().isPresent() || (broken == 2 && !operation.method().equals("get"))) {
            JsonNode schema = operation.bodySchema().orElse(JSON.objectNode());
            JsonNode value = value("", schema, 0);
            body = broken == 2 ? breakBody(value) : value.toString();
        }
        if (body == null && !operation.method().equals("get") && random.nextInt(10) == 0) {
            body = ""; // no body at all where one is optional
        }
        return new GeneratedRequest(operation.method().toUpperCase(java.util.Locale.ROOT),
                path + (query.length() == 0 ? "" : "?" + query), body);
    }

    /**
     * A path parameter's name as its kind of id: {@code {id}} after {@code /tee-times/} is a
     * {@code teeTimeId}, after {@code /users/} a {@code userId}; otherwise its own name.
     */
    private static String kindOf(String template, String name) {
        String before = template.substring(0, Math.max(0, template.indexOf("{" + name + "}")));
        if (before.endsWith("/tee-times/")) {
            return "teeTimeId";
        }
        if (before.endsWith("/users/")) {
            return "userId";
        }
        return name;
    }

    // ---- values from schemas

    /** A parameter value as text. */
    private String scalar(String name, JsonNode schema, JsonNode example) {
        if (example != null && random.nextInt(4) == 0) {
            return example.asText();
        }
        JsonNode v = value(name, schema, 0);
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private JsonNode value(String name, JsonNode rawSchema, int depth) {
        JsonNode schema = document.resolve(rawSchema);
        if (schema == null || schema.isMissingNode()) {
            return TextNode.valueOf(randomWord());
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            if (schema.has(choice)) {
                JsonNode options = schema.get(choice);
                return value(name, options.get(random.nextInt(options.size())), depth + 1);
            }
        }
        if (schema.has("allOf")) {
            ObjectNode merged = JSON.objectNode();
            for (JsonNode part : schema.get("allOf")) {
                JsonNode v = value(name, part, depth + 1);
                if (v.isObject()) {
                    merged.setAll((ObjectNode) v);
                }
            }
            return merged;
        }
        if (schema.has("examples") && schema.get("examples").isArray() && !schema.get("examples").isEmpty()
                && random.nextInt(3) == 0) {
            return schema.get("examples").get(random.nextInt(schema.get("examples").size()));
        }
        if (schema.has("example") && random.nextInt(3) == 0) {
            return schema.get("example");
        }
        String type = type(schema);
        switch (type) {
            case "object" -> {
                ObjectNode out = JSON.objectNode();
                if (depth > 4) {
                    return out;
                }
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    if (required.contains(f.getKey()) || random.nextInt(100) < 50) {
                        out.set(f.getKey(), value(f.getKey(), f.getValue(), depth + 1));
                    }
                }
                return out;
            }
            case "array" -> {
                ArrayNode out = JSON.arrayNode();
                int min = schema.path("minItems").asInt(0);
                int max = Math.min(schema.path("maxItems").asInt(min + 3), min + 3);
                int n = min + random.nextInt(Math.max(1, max - min + 1));
                for (int i = 0; i < n && depth < 5; i++) {
                    out.add(value(singular(name), schema.path("items"), depth + 1));
                }
                return out;
            }
            case "integer" -> {
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
                long max = schema.has("maximum") ? schema.get("maximum").asLong() : min + 100;
                return JSON.numberNode(min + (long) (random.nextDouble() * (max - min + 1)));
            }
            case "number" -> {
                double min = schema.has("minimum") ? schema.get("minimum").asDouble() : 0;
                double max = schema.has("maximum") ? schema.get("maximum").asDouble() : min + 100;
                return JSON.numberNode(min + random.nextDouble() * (max - min));
            }
            case "boolean" -> {
                return JSON.booleanNode(random.nextBoolean());
            }
            case "null" -> {
                return JSON.nullNode();
            }
            default -> {
                return TextNode.valueOf(string(name, schema));
            }
        }
    }

    private String string(String name, JsonNode schema) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if ((lower.contains("user") || lower.equals("id") || lower.contains("sender") || lower.contains("host"))
                && random.nextInt(3) > 0) {
            List<String> users = knownIds.getOrDefault("user", List.of());
            List<String> teeTimes = knownIds.getOrDefault("teeTime", List.of());
            List<String> pool = lower.equals("id") && random.nextBoolean() ? teeTimes : users;
            if (!pool.isEmpty()) {
                return pool.get(random.nextInt(pool.size()));
            }
        }
        if (lower.contains("teetime") && random.nextInt(3) > 0) {
            List<String> teeTimes = knownIds.getOrDefault("teeTime", List.of());
            if (!teeTimes.isEmpty()) {
                return teeTimes.get(random.nextInt(teeTimes.size()));
            }
        }
        String format = schema.path("format").asText("");
        switch (format) {
            case "date-time" -> {
                return OffsetDateTime.now(ZoneOffset.UTC).plusHours(random.nextInt(24 * 30) - 24).withNano(0).toString();
            }
            case "uuid" -> {
                return UUID.randomUUID().toString();
            }
            case "uri" -> {
                return "https://push.example.com/" + randomWord();
            }
            default -> {
                // fall through to a plain word
            }
        }
        int min = schema.path("minLength").asInt(1);
        int max = Math.max(min, Math.min(schema.path("maxLength").asInt(12), 40));
        StringBuilder b = new StringBuilder(randomWord());
        while (b.length() < min) {
            b.append(randomWord());
        }
        return b.length() > max ? b.substring(0, max) : b.toString();
    }

    // ---- breaking things on purpose

    private String oddPathValue() {
        String v = odd();
        return v.isEmpty() || v.equals("..") ? "x" + v : v;
    }

    private String odd() {
        return ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
    }

    private String breakBody(JsonNode valid) {
        switch (random.nextInt(9)) {
            case 0 -> {
                return "{\"unterminated\": ";
            }
            case 1 -> {
                return List.of("[]", "null", "42", "\"text\"", "[{}]").get(random.nextInt(5));
            }
            case 2 -> {
                return valid + " trailing";
            }
            case 3 -> {
                String text = valid.toString();
                return text.startsWith("{\"") ? "{\"dup\":1,\"dup\":2," + text.substring(1) : "{\"dup\":1,\"dup\":2}";
            }
            default -> {
                if (!valid.isObject() || valid.isEmpty()) {
                    return "{\"" + randomWord() + "\":" + oddJson() + "}";
                }
                ObjectNode copy = ((ObjectNode) valid).deepCopy();
                List<String> names = new ArrayList<>();
                copy.fieldNames().forEachRemaining(names::add);
                String field = names.get(random.nextInt(names.size()));
                if (random.nextInt(4) == 0) {
                    copy.remove(field);
                } else {
                    copy.set(field, oddJson());
                }
                return copy.toString();
            }
        }
    }

    private JsonNode oddJson() {
        return switch (random.nextInt(10)) {
            case 0 -> JSON.nullNode();
            case 1 -> JSON.numberNode(-1);
            case 2 -> JSON.numberNode(1e30);
            case 3 -> JSON.textNode("x".repeat(5000));
            case 4 -> JSON.objectNode().put("nested", true);
            case 5 -> JSON.arrayNode().add(1).add("two");
            case 6 -> JSON.booleanNode(true);
            case 7 -> JSON.textNode("");
            case 8 -> JSON.numberNode(2.5);
            default -> JSON.textNode(odd());
        };
    }

    // ---- small helpers

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
            return "null";
        }
        return type.asText();
    }

    private String randomWord() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-";
        int n = 3 + random.nextInt(8);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length() - (i == 0 ? 1 : 0))));
        }
        return b.toString();
    }

    private static String singular(String name) {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String encodePath(String s) {
        return encode(s).replace("+", "%20");
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…(" + s.length() + " chars)";
    }
}
