package golf.linkup.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.console.model.Console;
import golf.linkup.console.model.OverviewModel;
import golf.linkup.console.model.OverviewModel.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Overview: the last second's figures as tiles and the last 15 minutes as charts (3-second points:
 * means of the rates, maxima of the latencies). Everything comes from the stream's figures.
 */
final class OverviewView implements ConsoleView {

    private static final int CHART_BUCKET_SECONDS = 3;

    private final VBox root = new VBox(12);
    private final Tile connections = new Tile("fig-connections", "connections");
    private final Tile users = new Tile("fig-users", "users");
    private final Tile in = new Tile("fig-in", "messages in /s");
    private final Tile out = new Tile("fig-out", "messages out /s");
    private final Tile p50 = new Tile("fig-p50", "delivery p50");
    private final Tile p99 = new Tile("fig-p99", "delivery p99");
    private final Tile events = new Tile("fig-events", "events /s");
    private final Tile matching = new Tile("fig-matching", "matching run (mean)");
    private final Tile errors = new Tile("fig-errors", "errors /s");
    private final Tile deadLetters = new Tile("fig-dead-letters", "dead letters");
    private final Tile pending = new Tile("fig-outbox-pending", "outbox pending");
    private final Tile oldest = new Tile("fig-outbox-oldest", "oldest due");
    private final List<Runnable> chartUpdates = new ArrayList<>();

    OverviewView(Console console) {
        FlowPane tiles = new FlowPane(10, 10, connections, users, in, out, p50, p99, events, matching, errors,
                deadLetters, pending, oldest);
        GridPane charts = new GridPane();
        charts.setHgap(10);
        charts.setVgap(10);
        charts.add(chart("Connections", console, new String[] {"connections"}, Point::connections), 0, 0);
        charts.add(chart("Messages per second", console, new String[] {"in", "out"}, Point::messagesIn,
                Point::messagesOut), 1, 0);
        charts.add(chart("Delivery latency (ms)", console, new String[] {"p50", "p99"}, Point::p50, Point::p99), 0, 1);
        charts.add(chart("Events and errors per second", console, new String[] {"events", "errors"}, Point::events,
                Point::errors), 1, 1);
        for (Node n : charts.getChildren()) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setVgrow(n, Priority.ALWAYS);
        }
        VBox.setVgrow(charts, Priority.ALWAYS);
        root.getChildren().addAll(tiles, charts);
        console.overview().latestProperty().addListener((o, was, now) -> show(now));
        console.overview().pointsProperty().addListener((o, was, now) -> chartUpdates.forEach(Runnable::run));
    }

    private void show(JsonNode f) {
        if (f == null) {
            return;
        }
        connections.set(Format.number(f.path("connections")));
        users.set(Format.number(f.path("users")));
        in.set(Format.number(f.path("messagesInPerSecond")));
        out.set(Format.number(f.path("messagesOutPerSecond")));
        // 0: nothing was delivered in that second
        p50.set(Format.millisOrDash(f.path("deliveryP50Millis").asDouble()));
        p99.set(Format.millisOrDash(f.path("deliveryP99Millis").asDouble()));
        events.set(Format.number(f.path("eventsPerSecond")));
        matching.set(Format.millisOrDash(f.path("matchingMeanMillis").asDouble()));
        errors.set(Format.number(f.path("errorsPerSecond")));
        errors.warn(f.path("errorsPerSecond").asDouble() > 0);
        deadLetters.set(Format.number(f.path("deadLetters")));
        deadLetters.warn(f.path("deadLettersPerSecond").asDouble() > 0);
        pending.set(Format.number(f.path("outboxPending")));
        oldest.set(Format.seconds(f.path("outboxOldestDueSeconds").asDouble()));
        oldest.warn(f.path("outboxOldestDueSeconds").asDouble() > 60);
    }

    @SafeVarargs
    private LineChart<Number, Number> chart(String title, Console console, String[] names,
            ToDoubleFunction<Point>... values) {
        NumberAxis x = new NumberAxis(-15, 0, 5);
        x.setLabel("minutes ago");
        x.setAutoRanging(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(names.length > 1);
        chart.setMinHeight(180);
        chart.setPrefHeight(260);
        List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        for (String name : names) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(name);
            series.add(s);
            chart.getData().add(s);
        }
        chartUpdates.add(() -> {
            List<Point> points = OverviewModel.downsample(console.overview().pointsProperty().get(),
                    CHART_BUCKET_SECONDS);
            Instant now = points.isEmpty() ? Instant.now() : points.get(points.size() - 1).at();
            for (int i = 0; i < series.size(); i++) {
                List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
                for (Point p : points) {
                    double minutesAgo = -(now.toEpochMilli() - p.at().toEpochMilli()) / 60_000.0;
                    data.add(new XYChart.Data<>(minutesAgo, values[i].applyAsDouble(p)));
                }
                series.get(i).getData().setAll(data);
            }
        });
        return chart;
    }

    @Override
    public String title() {
        return "Overview";
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Console.Topics topics() {
        return Console.Topics.OVERVIEW;
    }

    @Override
    public DataTable mainTable() {
        return null;
    }
}
