package golf.linkup.console.view;

import golf.linkup.console.model.Console;
import javafx.scene.Node;

/** One view of the console: its name, its content, the topics it needs pushed, and its main table. */
public interface ConsoleView {

    String title();

    Node root();

    Console.Topics topics();

    /** The table Ctrl+F and Ctrl+E act on; null when the view has none. */
    DataTable mainTable();
}
