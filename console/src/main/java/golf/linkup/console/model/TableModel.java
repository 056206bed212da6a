package golf.linkup.console.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Rows of one table as the engine last sent them (JSON objects as the admin API answers). The view
 * reads {@link #rows()} (unmodifiable); only {@link #replace} changes it, on the UI thread.
 */
public final class TableModel {

    private final ObservableList<JsonNode> rows = FXCollections.observableArrayList();
    private final ObservableList<JsonNode> readOnly = FXCollections.unmodifiableObservableList(rows);

    public ObservableList<JsonNode> rows() {
        return readOnly;
    }

    /** Replaces every row with the elements of a JSON array (anything else empties the table). */
    public void replace(JsonNode array) {
        List<JsonNode> next = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(next::add);
        }
        rows.setAll(next);
    }
}
