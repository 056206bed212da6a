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
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Overview: problems first (computed by the engine, pushed every second: each with its severity, its
 * sentence and a link to the view where it is fixed), then the last second's figures as tiles that
 * turn amber or red by rule, and the last 15 minutes as charts (3-second points: means of the rates,
 * maxima of the latencies).
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
    private final VBox problemsList = new VBox(4);
    private final Console console;
    private final java.util.function.Consumer<String> openView;
    private String shownProblems = "";

    /** @param openView shows the view of that name ({@code routes}, {@code queues}, …) */
    OverviewView(Console console, java.util.function.Consumer<String> openView) {
        this.console = console;
        this.openView = openView;
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
        problemsList.setId("problems");
        problemsList.getStyleClass().add("problems");
        Label problemsTitle = new Label("Problems");
        problemsTitle.getStyleClass().add("section-title");
        root.getChildren().addAll(problemsTitle, problemsList, tiles, rangeBar(), charts);
        showProblems();
        console.problems().rows().addListener((javafx.collections.ListChangeListener<JsonNode>) c -> showProblems());
        console.overview().latestProperty().addListener((o, was, now) -> show(now));
        console.overview().pointsProperty().addListener((o, was, now) -> {
            if (rangeMinutes <= 15) {
                chartUpdates.forEach(Runnable::run);
            } else if (java.time.Duration.between(longLoadedAt, Instant.now()).toSeconds() >= 60) {
                longLoadedAt = Instant.now();
                console.loadHistory(rangeMinutes); // a new minute point each minute
            }
        });
        console.longHistoryProperty().addListener((o, was, now) -> chartUpdates.forEach(Runnable::run));
    }

    private int rangeMinutes = 15;
    private Instant longLoadedAt = Instant.EPOCH;
    private final List<NumberAxis> timeAxes = new ArrayList<>();

    /** 15 minutes (a point every 3 s, live), 1 h, 6 h or 24 h (a point a minute, kept by the engine). */
    private HBox rangeBar() {
        javafx.scene.control.ToggleGroup ranges = new javafx.scene.control.ToggleGroup();
        HBox bar = new HBox(4);
        Label title = new Label("History");
        title.getStyleClass().add("section-title");
        bar.getChildren().add(title);
        for (int minutes : new int[] {15, 60, 360, 1440}) {
            javafx.scene.control.ToggleButton b = new javafx.scene.control.ToggleButton(minutes < 60 ? minutes + " min"
                    : minutes / 60 + " h");
            b.setId("range-" + minutes);
            b.setToggleGroup(ranges);
            b.setSelected(minutes == 15);
            b.setOnAction(e -> {
                b.setSelected(true);
                showRange(minutes);
            });
            bar.getChildren().add(b);
        }
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return bar;
    }

    void showRange(int minutes) {
        rangeMinutes = minutes;
        for (NumberAxis x : timeAxes) {
            boolean hours = minutes > 60;
            x.setLowerBound(hours ? -minutes / 60.0 : -minutes);
            x.setTickUnit(hours ? (minutes > 360 ? 2 : 1) : minutes > 15 ? 10 : 5);
            x.setLabel(hours ? "hours ago" : "minutes ago");
        }
        if (minutes > 15) {
            longLoadedAt = Instant.now();
            console.loadHistory(minutes);
        }
        chartUpdates.forEach(Runnable::run);
    }

    /** Rebuilds the list when the problems changed (not every second: focus and hover stay put). */
    private void showProblems() {
        List<JsonNode> problems = console.problems().rows();
        String text = problems.toString();
        if (text.equals(shownProblems) && !problemsList.getChildren().isEmpty()) {
            return;
        }
        shownProblems = text;
        problemsList.getChildren().clear();
        if (problems.isEmpty()) {
            Label none = new Label("No problems: every check passes.");
            none.setId("no-problems");
            none.getStyleClass().add("problems-none");
            problemsList.getChildren().add(none);
        }
        for (JsonNode p : problems) {
            boolean critical = "CRITICAL".equals(p.path("severity").asText());
            Label badge = new Label(critical ? "critical" : "warning");
            badge.getStyleClass().addAll("problem-badge", critical ? "problem-critical" : "problem-warning");
            badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label message = new Label(Format.displayable(p.path("message").asText()));
            message.getStyleClass().add("problem-message");
            message.setWrapText(true);
            message.setTooltip(new javafx.scene.control.Tooltip(p.path("source").asText() + " · " + p.path("id").asText()));
            HBox.setHgrow(message, Priority.ALWAYS);
            message.setMaxWidth(Double.MAX_VALUE);
            String view = p.path("view").asText("overview");
            HBox row = new HBox(10, badge, message);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            row.getStyleClass().addAll("problem", critical ? "problem-row-critical" : "problem-row-warning");
            row.setUserData(p.path("id").asText());
            if (!view.equals("overview")) {
                Hyperlink open = new Hyperlink("Open " + Character.toUpperCase(view.charAt(0)) + view.substring(1) + " →");
                open.getStyleClass().add("problem-link");
                open.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                open.setOnAction(e -> openView.accept(view));
                row.getChildren().add(open);
            }
            problemsList.getChildren().add(row);
        }
        JsonNode latest = console.overview().latestProperty().get();
        if (latest != null) {
            show(latest);
        }
    }

    /** The most severe problem whose id starts with one of {@code prefixes}, as a tile level. */
    private Tile.Level levelOf(String... prefixes) {
        Tile.Level level = Tile.Level.OK;
        for (JsonNode p : matching(prefixes)) {
            level = "CRITICAL".equals(p.path("severity").asText()) ? Tile.Level.CRITICAL
                    : level == Tile.Level.CRITICAL ? level : Tile.Level.WARNING;
        }
        return level;
    }

    private String reasonOf(String... prefixes) {
        return matching(prefixes).stream().map(p -> p.path("message").asText()).findFirst().orElse(null);
    }

    private List<JsonNode> matching(String... prefixes) {
        return console.problems().rows().stream().filter(p -> java.util.Arrays.stream(prefixes)
                .anyMatch(prefix -> p.path("id").asText().startsWith(prefix))).toList();
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
        deadLetters.set(Format.number(f.path("deadLetters")));
        pending.set(Format.number(f.path("outboxPending")));
        oldest.set(Format.seconds(f.path("outboxOldestDueSeconds").asDouble()));
        // the rules: the engine's problems where it has one for the figure, else the figure itself.
        // A stopped delivery route stops events (events tile); failing routes are errors.
        double errorRate = f.path("errorsPerSecond").asDouble();
        Tile.Level failing = levelOf("route-failing");
        errors.level(failing != Tile.Level.OK ? failing : errorRate > 0 ? Tile.Level.WARNING : Tile.Level.OK,
                failing != Tile.Level.OK ? reasonOf("route-failing") : errorRate > 0 ? "errors in the last second" : null);
        events.level(levelOf("route-stopped", "route-suspended"), reasonOf("route-stopped", "route-suspended"));
        deadLetters.level(levelOf("dead-letters"), reasonOf("dead-letters"));
        oldest.level(levelOf("outbox"), reasonOf("outbox"));
        pending.level(levelOf("outbox"), reasonOf("outbox"));
        connections.level(levelOf("slow-clients"), reasonOf("slow-clients"));
        double dropped = f.path("droppedPerSecond").asDouble();
        out.level(dropped > 0 ? Tile.Level.WARNING : Tile.Level.OK, dropped > 0
                ? Format.number(dropped) + " messages dropped per second (slow clients' full send queues)" : null);
        double p99ms = f.path("deliveryP99Millis").asDouble();
        p99.level(p99ms > 1000 ? Tile.Level.CRITICAL : p99ms > 250 ? Tile.Level.WARNING : Tile.Level.OK,
                p99ms > 250 ? "p99 delivery above " + (p99ms > 1000 ? "1 s" : "250 ms") : null);
    }

    @SafeVarargs
    private LineChart<Number, Number> chart(String title, Console console, String[] names,
            ToDoubleFunction<Point>... values) {
        NumberAxis x = new NumberAxis(-15, 0, 5);
        x.setLabel("minutes ago");
        x.setAutoRanging(false);
        timeAxes.add(x);
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
            boolean live = rangeMinutes <= 15;
            List<Point> all = live ? console.overview().pointsProperty().get() : console.longHistoryProperty().get();
            // a few hundred points per series: 3-second buckets live, minutes grouped beyond 6 hours
            List<Point> points = OverviewModel.downsample(all, live ? CHART_BUCKET_SECONDS
                    : Math.max(1, (int) Math.ceil(all.size() / 360.0)));
            Instant now = Instant.now();
            double unit = rangeMinutes > 60 ? 3_600_000.0 : 60_000.0;
            for (int i = 0; i < series.size(); i++) {
                List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
                for (Point p : points) {
                    double ago = -(now.toEpochMilli() - p.at().toEpochMilli()) / unit;
                    data.add(new XYChart.Data<>(Math.min(0, ago), values[i].applyAsDouble(p)));
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
