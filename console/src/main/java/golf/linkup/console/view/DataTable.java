package golf.linkup.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * A table of JSON rows with what every table of the console has: a filter of the loaded rows (any
 * column contains the text, or {@code column=value} for one column; case-insensitive), sortable columns, a row count, CSV export of the rows as filtered and
 * sorted, and a selection that survives the rows being replaced (rows are matched by a key field).
 */
public final class DataTable extends VBox {

    /**
     * One column: a title and how a row shows in it; numeric columns sort as numbers. {@code hover}
     * gives the cell's tooltip (null: the cell's full text, shown when it does not fit).
     */
    public record Column(String title, Function<JsonNode, String> text, boolean numeric, double width,
            Function<JsonNode, String> hover) {

        public Column(String title, Function<JsonNode, String> text, boolean numeric, double width) {
            this(title, text, numeric, width, null);
        }

        /** A time of day, with the full date, time and zone on hover. */
        public static Column time(String title, String field, double width) {
            return new Column(title, row -> Format.time(row.path(field)), false, width,
                    row -> Format.fullTime(row.path(field)));
        }

        public static Column text(String title, String field, double width) {
            return new Column(title, row -> row.path(field).asText(""), false, width);
        }

        public static Column number(String title, String field, double width) {
            return new Column(title, row -> Format.number(row.path(field)), true, width);
        }

        public static Column of(String title, Function<JsonNode, String> text, double width) {
            return new Column(title, text, false, width);
        }
    }

    private final String name;
    private final List<Column> columns;
    private final String keyField;
    private final TextField filter = new TextField();
    private final TableView<JsonNode> table = new TableView<>();
    private final Label count = new Label();
    private final FilteredList<JsonNode> filtered;
    private final HBox toolbar;

    /**
     * @param name     used in the CSV file name
     * @param keyField the field that names a row across updates (keeps the selection)
     */
    public DataTable(String name, ObservableList<JsonNode> rows, String keyField, List<Column> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.keyField = keyField;
        this.filtered = new FilteredList<>(rows);
        SortedList<JsonNode> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        // columns keep their widths (sized to their content below) and the table scrolls sideways rather
        // than squeezing every column into the view ("Ope…", "Buf…")
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("nothing here yet"));
        for (Column c : columns) {
            TableColumn<JsonNode, String> column = new TableColumn<>(c.title());
            column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(Format.displayable(c.text().apply(cell.getValue()))));
            column.setCellFactory(col -> new HoverCell(c));
            if (c.numeric()) {
                column.setComparator(Comparator.comparingDouble(DataTable::numberOf));
                column.setStyle("-fx-alignment: CENTER-RIGHT;");
            }
            column.setPrefWidth(c.width());
            table.getColumns().add(column);
        }
        filter.setPromptText("Filter " + name + " (Ctrl+F)");
        filter.setTooltip(new javafx.scene.control.Tooltip("Any column contains the text; " + columns.get(0).title()
                .toLowerCase(Locale.ROOT) + "=value: that column is exactly it; " + columns.get(0).title()
                .toLowerCase(Locale.ROOT) + "~value: that column contains it"));
        filter.getStyleClass().add("table-filter");
        filter.textProperty().addListener((o, was, now) -> applyFilter(now));
        Button export = new Button("Export CSV");
        export.setOnAction(e -> chooseAndExport());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox.setHgrow(filter, Priority.SOMETIMES);
        filter.setMaxWidth(360);
        toolbar = new HBox(8, filter, count, grow, export);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(0, 0, 6, 0));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(toolbar, table);
        keepSelectionAcrossUpdates(rows);
        rows.addListener((ListChangeListener<JsonNode>) ch -> {
            updateCount();
            long now = System.nanoTime();
            if (!rows.isEmpty() && now - lastSized > 5_000_000_000L) {
                lastSized = now;
                sizeColumnsToContent(rows);
            }
        });
        updateCount();
    }

    private long lastSized = System.nanoTime() - 10_000_000_000L;

    /**
     * Widens each column to its title and its longest text in the first 200 rows (up to 3× its planned
     * width; never narrower than planned), at most every 5 s as rows arrive, so ids, users, states and
     * times are not cut. Columns only grow: one the operator widened keeps its width.
     */
    private void sizeColumnsToContent(List<JsonNode> rows) {
        javafx.scene.text.Text measure = new javafx.scene.text.Text();
        // the cells' font: the theme's 14 px (a bare Text measures in the toolkit's smaller default)
        measure.setFont(javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(), 14));
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            measure.setText(c.title());
            double widest = measure.getLayoutBounds().getWidth() + 32; // header padding and sort arrow
            for (int r = 0; r < Math.min(rows.size(), 200); r++) {
                measure.setText(Format.displayable(c.text().apply(rows.get(r))));
                widest = Math.max(widest, measure.getLayoutBounds().getWidth() + 24);
            }
            TableColumn<JsonNode, ?> column = table.getColumns().get(i);
            double width = Math.min(Math.max(c.width(), widest), c.width() * 3);
            if (width > column.getPrefWidth() + 1) {
                column.setPrefWidth(width);
            }
        }
    }

    /** A cell whose tooltip is the column's hover text, or its own full text when it does not fit. */
    private static final class HoverCell extends javafx.scene.control.TableCell<JsonNode, String> {
        private final Column column;
        private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

        HoverCell(Column column) {
            this.column = column;
            tip.setWrapText(true);
            tip.setMaxWidth(600);
            setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(item);
            JsonNode row = getTableRow() == null ? null : getTableRow().getItem();
            String hover = column.hover() != null && row != null ? column.hover().apply(row) : item;
            if (hover == null || hover.isEmpty()) {
                setTooltip(null);
            } else {
                tip.setText(Format.displayable(hover));
                setTooltip(tip);
            }
        }
    }

    /** Adds action buttons to the toolbar, before the export button. */
    public DataTable withActions(javafx.scene.Node... actions) {
        toolbar.getChildren().addAll(toolbar.getChildren().size() - 1, List.of(actions));
        return this;
    }

    public TableView<JsonNode> table() {
        return table;
    }

    public TextField filterField() {
        return filter;
    }

    /** The selected row, or null. */
    public JsonNode selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    /** Writes the rows as shown (filtered and sorted) as CSV with a header line; RFC 4180 quoting. */
    public void exportCsv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", columns.stream().map(c -> csv(c.title())).toList()));
        for (JsonNode row : table.getItems()) {
            lines.add(String.join(",", columns.stream().map(c -> csv(c.text().apply(row))).toList()));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** Asks where to save, then {@link #exportCsv}. */
    public void chooseAndExport() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("linkup-" + name.toLowerCase(Locale.ROOT).replace(' ', '-') + ".csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        var file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            try {
                exportCsv(file.toPath());
            } catch (IOException e) {
                count.setText("export failed: " + e.getMessage());
            }
        }
    }

    static String csv(String value) {
        String v = value == null ? "" : value;
        return v.matches("[^,\"\r\n]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }

    /**
     * Filters the rows loaded here. Plain text: any column contains it. {@code column=value}: that
     * column is exactly the value ({@code user=user-0001} leaves out user-0002's
     * {@code presence:user-0001} room); {@code column~value}: that column contains it. The column is
     * named by the start of its title, case-insensitive. Searching everything the engine has is the
     * Queues view's Search.
     */
    private void applyFilter(String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        java.util.regex.Matcher scoped = java.util.regex.Pattern.compile("^([a-z][a-z /-]*?)\\s*([=~])\\s*(.+)$")
                .matcher(needle);
        Column only = null;
        if (scoped.matches()) {
            String name = scoped.group(1).strip();
            only = columns.stream().filter(c -> c.title().toLowerCase(Locale.ROOT).startsWith(name)).findFirst()
                    .orElse(null);
        }
        if (only != null) {
            Column column = only;
            boolean exact = scoped.group(2).equals("=");
            String value = scoped.group(3).strip();
            filtered.setPredicate(row -> {
                String cell = column.text().apply(row).toLowerCase(Locale.ROOT);
                return exact ? cell.equals(value) : cell.contains(value);
            });
        } else {
            filtered.setPredicate(needle.isEmpty() ? null : row -> columns.stream()
                    .anyMatch(c -> c.text().apply(row).toLowerCase(Locale.ROOT).contains(needle)));
        }
        updateCount();
    }

    private void updateCount() {
        int all = filtered.getSource().size();
        count.setText(filtered.size() == all ? all + " rows" : filtered.size() + " of " + all + " rows");
    }

    /** Clears the selection for good: the next update does not select the row again. */
    public void clearSelection() {
        selectedKey[0] = null;
        table.getSelectionModel().clearSelection();
    }

    private final String[] selectedKey = new String[1];

    /** A replaced row list loses the selection; select the row with the same key again. */
    private void keepSelectionAcrossUpdates(ObservableList<JsonNode> rows) {
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                selectedKey[0] = now.path(keyField).asText();
            }
        });
        rows.addListener((ListChangeListener<JsonNode>) change -> {
            String key = selectedKey[0];
            if (key == null) {
                return;
            }
            for (JsonNode row : table.getItems()) {
                if (key.equals(row.path(keyField).asText())) {
                    table.getSelectionModel().select(row);
                    return;
                }
            }
        });
    }

    private static double numberOf(String text) {
        try {
            return Double.parseDouble(text.replace(",", "").replace("%", "").replace(" ms", "").replace(" s", ""));
        } catch (NumberFormatException e) {
            return Double.NEGATIVE_INFINITY;
        }
    }
}
