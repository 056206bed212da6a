package golf.linkup.engine.config;

import java.time.Duration;

/**
 * How events come in ({@code linkup.events.*}): the Redis Stream publishers append to, the consumer
 * group that does once-per-cluster work, retention, and when lag makes the instance degraded. Every
 * key is documented in {@code application.properties}.
 *
 * @param stream          the stream key publishers {@code XADD} to (field {@code event}: the event's JSON)
 * @param group           the consumer group every instance joins for once-per-cluster work
 * @param batchSize       entries read per round trip, by the live reader and the group reader
 * @param claimIdle       a pending entry idle this long is taken over ({@code XAUTOCLAIM}) from a
 *                        consumer that stopped (crashed) before acknowledging it
 * @param maxDeliveries   an entry delivered this many times without success is dead-lettered and acknowledged
 * @param retentionMaxAge entries older than this are trimmed, but only once every reader is past them
 * @param retentionMaxLength at most this many entries are kept (a memory cap; see docs/architecture.md)
 * @param lagMax          stream lag (age of the oldest entry the group has not read or not acknowledged)
 *                        above this, for {@code lagFor}, makes {@code /health} degraded
 * @param lagFor          see {@code lagMax}
 * @param legacyChannel   the pub/sub channel still read for publishers that cannot append yet
 *                        (at most once); empty turns it off
 */
public record IntakeSettings(
        String stream,
        String group,
        int batchSize,
        Duration claimIdle,
        int maxDeliveries,
        Duration retentionMaxAge,
        long retentionMaxLength,
        Duration lagMax,
        Duration lagFor,
        String legacyChannel) {

    public static IntakeSettings read(SettingsReader in) {
        return new IntakeSettings(
                in.string("linkup.events.stream", "linkup:events:stream"),
                in.string("linkup.events.group", "linkup-engine"),
                in.integer("linkup.events.batch-size", 256, 1, 10_000),
                positive(in, "linkup.events.claim-idle", Duration.ofSeconds(30)),
                in.integer("linkup.events.max-deliveries", 5, 1, 1000),
                positive(in, "linkup.events.retention.max-age", Duration.ofDays(7)),
                in.integer("linkup.events.retention.max-length", 2_000_000, 1_000, Integer.MAX_VALUE),
                positive(in, "linkup.health.intake-lag-max", Duration.ofSeconds(30)),
                in.duration("linkup.health.intake-lag-for", Duration.ofSeconds(10)),
                in.string("linkup.events.channel", "linkup:events"));
    }

    /** The defaults ({@link #read} with no key set). */
    public static IntakeSettings defaults() {
        return read(new SettingsReader(key -> null));
    }

    private static Duration positive(SettingsReader in, String key, Duration defaultValue) {
        Duration value = in.duration(key, defaultValue);
        if (value.isZero()) {
            in.refuse(key, "must be more than 0");
            return defaultValue;
        }
        return value;
    }
}
