package golf.linkup.engine.config;

import java.time.Duration;

/**
 * What the engine does after a socket could not deliver ({@code linkup.missed.*}) and what it tells
 * the API server about connections ({@code linkup.backend-events.*}). Every key is documented in
 * {@code application.properties}.
 *
 * @param missedEnabled        send missed-message digests at all
 * @param missedDelay          a player who has not seen a chat message this long after it was sent gets
 *                             one digest for every message of that chat they have not seen yet
 * @param backendEnabled       append connection and presence facts to the backend stream at all
 * @param backendStream        the Redis Stream key the API server reads ({@code XREAD}/{@code XREADGROUP})
 * @param backendMaxLength     the stream is trimmed to about this many entries ({@code MAXLEN ~})
 * @param backendMaxAge        entries older than this are trimmed ({@code MINID ~})
 */
public record FollowUpSettings(
        boolean missedEnabled,
        Duration missedDelay,
        boolean backendEnabled,
        String backendStream,
        long backendMaxLength,
        Duration backendMaxAge) {

    public static FollowUpSettings read(SettingsReader in) {
        Duration delay = in.duration("linkup.missed.delay", Duration.ofMinutes(10));
        if (delay.isZero()) {
            throw new InvalidSettingException("linkup.missed.delay", "must be more than 0");
        }
        Duration maxAge = in.duration("linkup.backend-events.max-age", Duration.ofDays(1));
        if (maxAge.isZero()) {
            throw new InvalidSettingException("linkup.backend-events.max-age", "must be more than 0");
        }
        String stream = in.string("linkup.backend-events.stream", "linkup:backend:stream");
        return new FollowUpSettings(
                in.bool("linkup.missed.enabled", true),
                delay,
                in.bool("linkup.backend-events.enabled", true),
                stream,
                in.integer("linkup.backend-events.max-length", 100_000, 100, Integer.MAX_VALUE),
                maxAge);
    }

    /** The defaults ({@link #read} with no key set). */
    public static FollowUpSettings defaults() {
        return read(new SettingsReader(key -> null));
    }
}
