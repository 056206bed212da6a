package golf.linkup.engine.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One backend events stream entry as the webhook POSTs it: a JSON object with {@code id} (the entry
 * id, the same whichever attempt or instance sends it, so a receiver deduplicates on it) and the
 * entry's fields as they are in the stream ({@code type}, {@code userId}, {@code at}, then the
 * type's own fields, all strings), e.g.
 * {@code {"id":"1796666400120-0","type":"user.connected","userId":"u-42","at":"2026-12-07T18:00:00.120Z"}}.
 *
 * @param id   the stream entry id
 * @param type the event type, or {@code "unknown"} when the entry has none
 * @param json the body, UTF-8
 */
public record WebhookEvent(String id, String type, byte[] json) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How a webhook dead letter's {@code source} begins ({@code webhook@<instance>}). */
    public static final String DEAD_LETTER_SOURCE = "webhook@";

    /** The dead letter source of the webhook on instance {@code instanceId}. */
    public static String deadLetterSource(String instanceId) {
        return DEAD_LETTER_SOURCE + instanceId;
    }

    /** True for a dead letter the webhook recorded (its payload is a backend event, not a domain event). */
    public static boolean isWebhookDeadLetter(golf.linkup.engine.storage.DeadLetter letter) {
        return letter.source() != null && letter.source().startsWith(DEAD_LETTER_SOURCE);
    }

    /** The event of one entry; fields other than the first three follow in name order. */
    public static WebhookEvent of(String entryId, Map<String, String> fields) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("id", entryId);
        for (String first : new String[] {"type", "userId", "at"}) {
            if (fields.containsKey(first)) {
                body.put(first, fields.get(first));
            }
        }
        new TreeMap<>(fields).forEach(body::putIfAbsent);
        try {
            return new WebhookEvent(entryId, fields.getOrDefault("type", "unknown"), JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    public String text() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
