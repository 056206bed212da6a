package golf.linkup.engine.config;

import java.time.Duration;

/**
 * {@code linkup.health.*} bounds of the problems the console and the admin API report (beside
 * {@code /health}).
 *
 * @param outboxMaxAge    the oldest due notification may wait this long before it is a problem
 * @param slowClientsMax  slow connections tolerated before it is a problem
 * @param deadLetterWindow new dead letters within this window are a problem ("dead letters rising")
 */
public record ProblemSettings(Duration outboxMaxAge, int slowClientsMax, Duration deadLetterWindow) {

    public static ProblemSettings defaults() {
        return new ProblemSettings(Duration.ofMinutes(2), 10, Duration.ofMinutes(10));
    }

    public static ProblemSettings read(SettingsReader in) {
        Duration outboxMaxAge = in.duration("linkup.health.outbox-max-age", Duration.ofMinutes(2));
        if (outboxMaxAge.isZero() || outboxMaxAge.isNegative()) {
            in.refuse("linkup.health.outbox-max-age", "must be positive");
        }
        Duration window = in.duration("linkup.health.dead-letter-window", Duration.ofMinutes(10));
        if (window.toSeconds() < 10) {
            in.refuse("linkup.health.dead-letter-window", "must be at least 10s");
        }
        return new ProblemSettings(outboxMaxAge, in.integer("linkup.health.slow-clients-max", 10, 0, 1_000_000),
                window);
    }
}
