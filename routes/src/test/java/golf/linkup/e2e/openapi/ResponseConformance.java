package golf.linkup.e2e.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import golf.linkup.e2e.openapi.OpenApiDocument.Operation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether an answer is one the OpenAPI document allows for its operation: the status is listed
 * (exactly, as {@code 4XX}, or as {@code default}); when the listed answer has content, the
 * {@code Content-Type} is one of its media types; a JSON body validates against that media type's
 * schema (JSON Schema 2020-12, as OpenAPI 3.1 defines it, with the networknt validator).
 */
public final class ResponseConformance {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenApiDocument document;
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<JsonNode, JsonSchema> compiled = new ConcurrentHashMap<>();

    public ResponseConformance(OpenApiDocument document) {
        this.document = document;
    }

    /**
     * What is wrong with the answer, or empty when the document allows it. {@code header} reads the
     * answer's headers: a documented header whose schema has a {@code const} must carry that value.
     */
    public Optional<String> problem(Operation operation, int status, String contentType, String body,
            java.util.function.Function<String, Optional<String>> header) {
        JsonNode responses = operation.responses();
        JsonNode listed = responses.get(Integer.toString(status));
        if (listed == null) {
            listed = responses.get((status / 100) + "XX");
        }
        if (listed == null) {
            listed = responses.get("default");
        }
        if (listed == null) {
            return Optional.of("status " + status + " is not documented (documented: " + names(responses) + ")");
        }
        for (var h = document.resolve(listed).path("headers").fields(); h.hasNext(); ) {
            var documented = h.next();
            JsonNode constant = document.resolve(document.resolve(documented.getValue()).path("schema")).get("const");
            if (constant != null && !header.apply(documented.getKey()).map(constant.asText()::equals).orElse(false)) {
                return Optional.of("status " + status + ": header " + documented.getKey() + " is "
                        + header.apply(documented.getKey()).orElse("absent") + ", documented as " + constant.asText());
            }
        }
        JsonNode content = document.resolve(listed).path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return Optional.empty();
        }
        String mediaType = baseType(contentType);
        JsonNode media = null;
        for (var documented = content.fields(); documented.hasNext() && media == null; ) {
            var entry = documented.next();
            String type = baseType(entry.getKey());
            if (type.equals(mediaType) || type.equals("*/*")
                    || (type.endsWith("/*") && mediaType.startsWith(type.substring(0, type.length() - 1)))) {
                media = entry.getValue();
            }
        }
        if (media == null) {
            return Optional.of("status " + status + " with Content-Type '" + contentType + "' (documented: "
                    + names(content) + ")");
        }
        JsonNode schema = media.get("schema");
        if (schema == null || !(mediaType.equals("application/json") || mediaType.endsWith("+json"))) {
            return Optional.empty();
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.of("status " + status + ": the body is not JSON: " + e.getMessage());
        }
        if (parsed == null) {
            return Optional.of("status " + status + ": empty body where JSON is documented");
        }
        JsonSchema validator = compiled.computeIfAbsent(schema, s -> schemas.getSchema(document.standalone(s)));
        Set<ValidationMessage> errors = validator.validate(parsed);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        List<String> messages = new ArrayList<>();
        errors.forEach(e -> messages.add(e.getMessage()));
        return Optional.of("status " + status + ": the body does not match the schema: " + messages);
    }

    /** {@code text/plain; version=0.0.4} → {@code text/plain}. */
    private static String baseType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static String names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return String.join(", ", out);
    }
}
