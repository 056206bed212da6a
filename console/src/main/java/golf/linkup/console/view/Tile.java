package golf.linkup.console.view;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * One figure of the Overview: a big value over a caption, amber ({@code tile-warning}) or red
 * ({@code tile-critical}) when a rule says the figure is a problem; the tooltip says which rule.
 */
final class Tile extends VBox {

    /** How a figure stands. */
    enum Level { OK, WARNING, CRITICAL }

    private final Label value = new Label("–");
    private final Tooltip why = new Tooltip();
    private Level level = Level.OK;

    Tile(String id, String caption) {
        Label label = new Label(caption);
        label.getStyleClass().add("tile-caption");
        value.getStyleClass().add("tile-value");
        value.setId(id);
        setId(id + "-tile");
        getStyleClass().add("tile");
        getChildren().addAll(value, label);
    }

    void set(String text) {
        value.setText(text);
    }

    /** Colours the tile by level and explains it in the tooltip ({@code reason} null when OK). */
    void level(Level next, String reason) {
        if (next != level) {
            getStyleClass().removeAll("tile-warning", "tile-critical");
            if (next == Level.WARNING) {
                getStyleClass().add("tile-warning");
            } else if (next == Level.CRITICAL) {
                getStyleClass().add("tile-critical");
            }
            level = next;
        }
        if (reason == null) {
            Tooltip.uninstall(this, why);
        } else {
            why.setText(reason);
            Tooltip.install(this, why);
        }
    }

    Level level() {
        return level;
    }
}
