package golf.linkup.engine.admin.figures;

import java.time.Instant;
import java.util.Map;

/**
 * One second of the engine as the console's Overview shows it. Rates are per second over the second
 * that ended at {@code at}; latency percentiles are of the envelopes delivered in that second (0 when
 * none); {@code matchingMeanMillis} is the mean of the matching runs of that second (0 when none).
 *
 * @param errorsPerSecond   client protocol errors plus failed route exchanges
 * @param deadLetters       rows in {@code dead_letters}
 * @param outboxDepth       outbox rows by {@code channel/status}
 * @param outboxOldestDueSeconds age of the oldest pending row that is due (0 when none waits)
 */
public record Figures(Instant at, int connections, int users, int rooms, double messagesInPerSecond,
        double messagesOutPerSecond, double droppedPerSecond, double deliveryP50Millis, double deliveryP99Millis,
        double eventsPerSecond, double matchingRunsPerSecond, double matchingMeanMillis, double errorsPerSecond,
        long deadLetters, double deadLettersPerSecond, Map<String, Long> outboxDepth, long outboxPending,
        long outboxFailed, double outboxOldestDueSeconds) {
}
