package golf.linkup.console.view;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import golf.linkup.console.model.Console;
import java.util.List;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The console's window: views on the left (Ctrl+1 … Ctrl+9), the shown view in the middle, the
 * stream's state and the last command's outcome at the bottom. Ctrl+F goes to the shown table's
 * filter, Ctrl+E exports it as CSV, Ctrl+T switches between the light and dark theme.
 */
public final class ConsoleWindow {

    private final Console console;
    private final List<ConsoleView> views;
    private final Scene scene;
    private final StackPane content = new StackPane();
    private final ToggleGroup navigation = new ToggleGroup();
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper(this, "shown", -1);
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(this, "dark", false);

    public ConsoleWindow(Console console, String where) {
        this.console = console;
        this.views = List.of(new OverviewView(console, this::showView), new ConnectionsView(console, this::showView), new RoomsView(console),
                new QueuesView(console), new RoutesView(console), new SchedulesView(console),
                new SimulatorView(console), new InspectorView(console), new UsersView(console));

        VBox nav = new VBox(4);
        nav.getStyleClass().add("console-nav");
        Label brand = new Label("LinkUp");
        brand.getStyleClass().add("console-brand");
        Label whereLabel = new Label(where);
        whereLabel.getStyleClass().add("console-where");
        whereLabel.setWrapText(true);
        nav.getChildren().addAll(brand, whereLabel);
        for (int i = 0; i < views.size(); i++) {
            int index = i;
            ToggleButton button = new ToggleButton(views.get(i).title() + "    Ctrl+" + (i + 1));
            button.setId("nav-" + views.get(i).title().toLowerCase());
            button.setToggleGroup(navigation);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.setOnAction(e -> showView(index));
            nav.getChildren().add(button);
        }
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        Button theme = new Button("Dark theme  Ctrl+T");
        theme.setId("theme-toggle");
        theme.setMaxWidth(Double.MAX_VALUE);
        theme.setOnAction(e -> toggleTheme());
        dark.addListener((o, was, now) -> theme.setText(now ? "Light theme  Ctrl+T" : "Dark theme  Ctrl+T"));
        nav.getChildren().addAll(grow, theme);
        nav.setPadding(new Insets(14, 10, 14, 10));
        nav.setPrefWidth(210);

        Label stream = new Label();
        stream.setId("stream-state");
        stream.textProperty().bind(console.streamStateProperty().map(s -> "stream: " + s.toLowerCase()));
        Label status = new Label();
        status.setId("status-line");
        status.textProperty().bind(console.statusProperty().map(Format::displayable));
        javafx.scene.control.ProgressIndicator busy = new javafx.scene.control.ProgressIndicator();
        busy.setId("busy");
        busy.setPrefSize(14, 14);
        busy.visibleProperty().bind(console.runningProperty().greaterThan(0));
        busy.managedProperty().bind(busy.visibleProperty());
        HBox statusBar = new HBox(16, stream, busy, status);
        statusBar.setAlignment(Pos.CENTER_LEFT);
        statusBar.getStyleClass().add("console-status");
        statusBar.setPadding(new Insets(4, 10, 4, 10));

        content.setPadding(new Insets(12));
        BorderPane centre = new BorderPane(content);
        centre.setTop(banner());
        BorderPane root = new BorderPane(centre);
        root.setLeft(nav);
        root.setBottom(statusBar);
        root.getStyleClass().add("console-root");
        scene = new Scene(root, 1280, 820);
        scene.getStylesheets().add(ConsoleWindow.class.getResource("/golf/linkup/console/console.css").toExternalForm());
        applyTheme();
        installShortcuts();
    }

    /** The console's own errors and actions' outcomes: a strip above the view until dismissed (Esc or ×). */
    private Node banner() {
        Label text = new Label();
        text.setId("banner-text");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button dismiss = new Button("×");
        dismiss.setId("banner-dismiss");
        dismiss.setAccessibleText("Dismiss the message");
        dismiss.getStyleClass().add("banner-dismiss");
        dismiss.setOnAction(e -> console.dismissBanner());
        HBox strip = new HBox(10, text, dismiss);
        strip.setId("banner");
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.setPadding(new Insets(8, 12, 8, 12));
        strip.getStyleClass().add("banner");
        strip.setVisible(false);
        strip.managedProperty().bind(strip.visibleProperty());
        console.bannerProperty().addListener((o, was, now) -> {
            strip.getStyleClass().removeAll("banner-error", "banner-warning", "banner-info");
            strip.setVisible(now != null);
            if (now != null) {
                strip.getStyleClass().add("banner-" + now.kind());
                text.setText(Format.displayable(now.text()));
            }
        });
        return strip;
    }

    /** Shows the view of that name ({@code routes}, {@code queues}, …), as a problem's link does. */
    public void showView(String name) {
        for (int i = 0; i < views.size(); i++) {
            if (views.get(i).title().equalsIgnoreCase(name)) {
                showView(i);
                return;
            }
        }
    }

    public Scene scene() {
        return scene;
    }

    public List<ConsoleView> views() {
        return views;
    }

    public ReadOnlyIntegerProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    public void showView(int index) {
        ConsoleView view = views.get(index);
        content.getChildren().setAll(view.root());
        navigation.getToggles().get(index).setSelected(true);
        shown.set(index);
        console.show(view.topics());
    }

    public void toggleTheme() {
        dark.set(!dark.get());
        applyTheme();
    }

    private void applyTheme() {
        Application.setUserAgentStylesheet(dark.get() ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        scene.getRoot().getStyleClass().removeAll("theme-dark", "theme-light");
        scene.getRoot().getStyleClass().add(dark.get() ? "theme-dark" : "theme-light");
    }

    private void installShortcuts() {
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
            KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};
        for (int i = 0; i < views.size(); i++) {
            int index = i;
            scene.getAccelerators().put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN),
                    () -> showView(index));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            DataTable table = current().mainTable();
            if (table != null) {
                table.filterField().requestFocus();
                table.filterField().selectAll();
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), () -> {
            DataTable table = current().mainTable();
            if (table != null) {
                table.chooseAndExport();
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), this::toggleTheme);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), () -> {
            if (console.bannerProperty().get() != null) {
                console.dismissBanner();
            }
        });
    }

    private ConsoleView current() {
        return views.get(Math.max(0, shown.get()));
    }
}
