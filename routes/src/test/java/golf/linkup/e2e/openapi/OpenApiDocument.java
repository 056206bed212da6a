package golf.linkup.e2e.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * docs/openapi.yaml read as a JSON tree: its operations, their parameters, request bodies and
 * documented responses, with local {@code $ref}s ({@code #/components/...}) resolved on demand.
 */
public final class OpenApiDocument {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    public static OpenApiDocument read(Path file) throws IOException {
        return new OpenApiDocument(YAML.readTree(file.toFile()));
    }

    public JsonNode root() {
        return root;
    }

    /** One parameter of an operation (path or query). */
    public record Parameter(String name, String in, boolean required, JsonNode schema, JsonNode example) {
    }

    /** One operation: method, path template, parameters, the JSON request body schema if any, responses. */
    public record Operation(String method, String path, List<Parameter> parameters, Optional<JsonNode> bodySchema,
            boolean bodyRequired, JsonNode responses) {

        public String name() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    public List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> {
            JsonNode item = path.getValue();
            for (String method : METHODS) {
                JsonNode op = item.get(method);
                if (op == null) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode list : List.of(item.path("parameters"), op.path("parameters"))) {
                    for (JsonNode p : list) {
                        JsonNode param = resolve(p);
                        parameters.removeIf(existing -> existing.name().equals(param.path("name").asText()));
                        parameters.add(new Parameter(param.path("name").asText(), param.path("in").asText(),
                                param.path("required").asBoolean(false), resolve(param.path("schema")),
                                param.get("example")));
                    }
                }
                JsonNode body = resolve(op.path("requestBody"));
                Optional<JsonNode> bodySchema = Optional.ofNullable(body.path("content").path("application/json")
                        .get("schema")).map(this::resolve);
                out.add(new Operation(method, path.getKey(), parameters, bodySchema, body.path("required").asBoolean(false),
                        op.path("responses")));
            }
        });
        return out;
    }

    /** The node a {@code $ref} points at (followed repeatedly), or the node itself. */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref") && hops < 20; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are supported: " + ref);
            }
            current = root.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalArgumentException("dangling reference " + ref);
            }
        }
        return current;
    }

    /**
     * A stand-alone JSON Schema (2020-12) for {@code schema}: the schema itself plus the document's
     * {@code components}, so its {@code #/components/...} references resolve inside it.
     */
    public JsonNode standalone(JsonNode schema) {
        ObjectNode copy = schema.isObject() ? ((ObjectNode) schema).deepCopy() : YAML.createObjectNode();
        copy.set("components", root.path("components"));
        return copy;
    }
}
