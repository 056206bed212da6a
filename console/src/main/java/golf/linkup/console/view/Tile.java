package golf.linkup.console.view;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** One figure of the Overview: a big value over a caption. */
final class Tile extends VBox {

    private final Label value = new Label("–");

    Tile(String id, String caption) {
        Label label = new Label(caption);
        label.getStyleClass().add("tile-caption");
        value.getStyleClass().add("tile-value");
        value.setId(id);
        getStyleClass().add("tile");
        getChildren().addAll(value, label);
    }

    void set(String text) {
        value.setText(text);
    }

    void warn(boolean warning) {
        if (warning) {
            if (!getStyleClass().contains("tile-warning")) {
                getStyleClass().add("tile-warning");
            }
        } else {
            getStyleClass().remove("tile-warning");
        }
    }
}
