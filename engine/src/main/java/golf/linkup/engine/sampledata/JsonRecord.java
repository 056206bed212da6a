package golf.linkup.engine.sampledata;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One JSON object of a sample data file, read field by field. Every accessor fails with a
 * {@link SampleDataException} naming the file, the record and the field, so a bad hand edit is
 * found in one look.
 */
final class JsonRecord {

    private final String file;
    private final String id;
    private final JsonNode node;

    private JsonRecord(String file, String id, JsonNode node) {
        this.file = file;
        this.id = id;
        this.node = node;
    }

    /**
     * The elements of a file whose root is an array of objects. Each must have a non-blank
     * {@code id} and only the fields in {@code allowedFields} (a misspelt field is an error, not
     * a silently missing value).
     */
    static List<JsonRecord> arrayOf(String file, JsonNode root, Set<String> allowedFields) {
        if (root == null || !root.isArray()) {
            throw new SampleDataException(file, null, "the root must be a JSON array");
        }
        List<JsonRecord> records = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            String position = "#" + (i + 1);
            if (!element.isObject()) {
                throw new SampleDataException(file, position, "must be a JSON object");
            }
            JsonNode idNode = element.get("id");
            if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
                throw new SampleDataException(file, position + " (no id)", "field 'id' must be a non-blank string");
            }
            JsonRecord record = new JsonRecord(file, idNode.asText(), element);
            for (Iterator<String> names = element.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowedFields.contains(name)) {
                    throw record.problem("unknown field '" + name + "'");
                }
            }
            records.add(record);
        }
        return records;
    }

    String id() {
        return id;
    }

    SampleDataException problem(String message) {
        return new SampleDataException(file, id, message);
    }

    String text(String field) {
        JsonNode value = required(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw problem("field '" + field + "' must be a non-blank string");
        }
        return value.asText();
    }

    double number(String field) {
        JsonNode value = required(field);
        if (!value.isNumber()) {
            throw problem("field '" + field + "' must be a number");
        }
        return value.doubleValue();
    }

    int integer(String field) {
        JsonNode value = required(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw problem("field '" + field + "' must be an integer");
        }
        return value.intValue();
    }

    boolean bool(String field) {
        JsonNode value = required(field);
        if (!value.isBoolean()) {
            throw problem("field '" + field + "' must be true or false");
        }
        return value.booleanValue();
    }

    /** An enum constant by its exact (upper-case) name. */
    <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        String text = text(field);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw problem("field '" + field + "' is '" + text + "', not one of " + Arrays.toString(type.getEnumConstants()));
    }

    /** An IANA region id such as {@code Europe/London}; fixed offsets are refused. */
    ZoneId zone(String field) {
        String text = text(field);
        if (!ZoneId.getAvailableZoneIds().contains(text)) {
            throw problem("field '" + field + "' is '" + text + "', not an IANA time zone id");
        }
        return ZoneId.of(text);
    }

    List<String> textList(String field) {
        JsonNode value = required(field);
        if (!value.isArray()) {
            throw problem("field '" + field + "' must be an array of strings");
        }
        List<String> texts = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual() || element.asText().isBlank()) {
                throw problem("field '" + field + "' must contain only non-blank strings");
            }
            texts.add(element.asText());
        }
        return texts;
    }

    private JsonNode required(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw problem("field '" + field + "' is missing");
        }
        return value;
    }
}
