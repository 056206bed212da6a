package golf.linkup.console.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The Overview: the last second's figures and the last 15 minutes of them. Figures arrive on the
 * stream's thread ({@link #receive}) and are taken into the model on the UI thread ({@link #absorb}),
 * all of them, so coalescing never loses a second of history.
 */
public final class OverviewModel {

    /** Seconds of history kept (the stream's history is the same). */
    public static final int HISTORY = 15 * 60;

    /** One second as the charts plot it. */
    public record Point(Instant at, double connections, double messagesIn, double messagesOut, double p50, double p99,
            double events, double errors, double deadLetters, double outboxPending, double matchingMillis) {

        public static Point of(JsonNode f) {
            return new Point(Instant.parse(f.path("at").asText()), f.path("connections").asDouble(),
                    f.path("messagesInPerSecond").asDouble(), f.path("messagesOutPerSecond").asDouble(),
                    f.path("deliveryP50Millis").asDouble(), f.path("deliveryP99Millis").asDouble(),
                    f.path("eventsPerSecond").asDouble(), f.path("errorsPerSecond").asDouble(),
                    f.path("deadLetters").asDouble(), f.path("outboxPending").asDouble(),
                    f.path("matchingMeanMillis").asDouble());
        }
    }

    private final ConcurrentLinkedQueue<JsonNode> arrived = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Point> history = new ArrayDeque<>();
    private final ReadOnlyObjectWrapper<JsonNode> latest = new ReadOnlyObjectWrapper<>(this, "latest");
    private final ReadOnlyObjectWrapper<List<Point>> points = new ReadOnlyObjectWrapper<>(this, "points", List.of());

    /** Any thread: one second's figures (or, for the stream's history message, many). */
    public void receive(JsonNode figuresOrHistory) {
        if (figuresOrHistory.isArray()) {
            figuresOrHistory.forEach(arrived::add);
        } else if (figuresOrHistory.has("at")) {
            arrived.add(figuresOrHistory);
        }
    }

    /** UI thread: takes in what arrived. */
    public void absorb() {
        JsonNode f;
        JsonNode last = null;
        while ((f = arrived.poll()) != null) {
            Point p = Point.of(f);
            if (!history.isEmpty() && !p.at().isAfter(history.peekLast().at())) {
                continue; // a second we have (history resent after a reconnect)
            }
            history.addLast(p);
            last = f;
        }
        while (history.size() > HISTORY) {
            history.removeFirst();
        }
        if (last != null) {
            latest.set(last);
            points.set(List.copyOf(history));
        }
    }

    /** The last second's figures as the engine sent them (null before the first). */
    public ReadOnlyObjectProperty<JsonNode> latestProperty() {
        return latest.getReadOnlyProperty();
    }

    /** Up to 15 minutes of points, oldest first. */
    public ReadOnlyObjectProperty<List<Point>> pointsProperty() {
        return points.getReadOnlyProperty();
    }

    /**
     * The points averaged over buckets of {@code seconds} (charts draw a few hundred points, not 900).
     * The last bucket may be partial.
     */
    public static List<Point> downsample(List<Point> points, int seconds) {
        if (seconds <= 1) {
            return points;
        }
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i += seconds) {
            List<Point> bucket = points.subList(i, Math.min(points.size(), i + seconds));
            double n = bucket.size();
            out.add(new Point(bucket.get(bucket.size() - 1).at(),
                    bucket.stream().mapToDouble(Point::connections).sum() / n,
                    bucket.stream().mapToDouble(Point::messagesIn).sum() / n,
                    bucket.stream().mapToDouble(Point::messagesOut).sum() / n,
                    bucket.stream().mapToDouble(Point::p50).max().orElse(0),
                    bucket.stream().mapToDouble(Point::p99).max().orElse(0),
                    bucket.stream().mapToDouble(Point::events).sum() / n,
                    bucket.stream().mapToDouble(Point::errors).sum() / n,
                    bucket.stream().mapToDouble(Point::deadLetters).max().orElse(0),
                    bucket.stream().mapToDouble(Point::outboxPending).max().orElse(0),
                    bucket.stream().mapToDouble(Point::matchingMillis).max().orElse(0)));
        }
        return out;
    }
}
