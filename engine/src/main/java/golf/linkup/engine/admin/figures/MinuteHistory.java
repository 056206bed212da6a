package golf.linkup.engine.admin.figures;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures beyond the last 15 minutes, one point a minute for {@value #MINUTES} minutes (24 hours;
 * 1,440 points, about 300 KB): rates are the minute's means, latencies and the outbox's oldest due
 * age its maxima, counts (connections, dead letters, outbox rows) its last values. Fed once a second
 * on the sampler's thread; read by any thread.
 */
public final class MinuteHistory {

    public static final int MINUTES = 24 * 60;

    private final ArrayDeque<Figures> minutes = new ArrayDeque<>();
    private final List<Figures> current = new ArrayList<>();
    private Instant currentMinute;

    /** Takes one second's figures; closes the minute before when this one starts a new minute. */
    public synchronized void add(Figures f) {
        Instant minute = f.at().truncatedTo(ChronoUnit.MINUTES);
        if (currentMinute != null && !minute.equals(currentMinute) && !current.isEmpty()) {
            minutes.addLast(aggregate(currentMinute.plus(Duration.ofMinutes(1)), current));
            current.clear();
            while (minutes.size() > MINUTES) {
                minutes.removeFirst();
            }
        }
        currentMinute = minute;
        current.add(f);
    }

    /** The closed minutes since {@code from}, oldest first (each stamped with its minute's end). */
    public synchronized List<Figures> since(Instant from) {
        List<Figures> out = new ArrayList<>();
        for (Figures f : minutes) {
            if (!f.at().isBefore(from)) {
                out.add(f);
            }
        }
        return out;
    }

    static Figures aggregate(Instant at, List<Figures> s) {
        Figures last = s.get(s.size() - 1);
        double n = s.size();
        return new Figures(at, last.connections(), last.users(), last.rooms(),
                s.stream().mapToDouble(Figures::messagesInPerSecond).sum() / n,
                s.stream().mapToDouble(Figures::messagesOutPerSecond).sum() / n,
                s.stream().mapToDouble(Figures::droppedPerSecond).sum() / n,
                s.stream().mapToDouble(Figures::deliveryP50Millis).max().orElse(0),
                s.stream().mapToDouble(Figures::deliveryP99Millis).max().orElse(0),
                s.stream().mapToDouble(Figures::eventsPerSecond).sum() / n,
                s.stream().mapToDouble(Figures::matchingRunsPerSecond).sum() / n,
                s.stream().mapToDouble(Figures::matchingMeanMillis).max().orElse(0),
                s.stream().mapToDouble(Figures::errorsPerSecond).sum() / n,
                last.deadLetters(),
                s.stream().mapToDouble(Figures::deadLettersPerSecond).sum() / n,
                last.outboxDepth(), last.outboxPending(), last.outboxFailed(),
                s.stream().mapToDouble(Figures::outboxOldestDueSeconds).max().orElse(0));
    }
}
