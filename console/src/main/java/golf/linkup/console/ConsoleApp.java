package golf.linkup.console;

import golf.linkup.console.client.AdminClient;
import golf.linkup.console.model.Console;
import golf.linkup.console.model.UiQueue;
import golf.linkup.console.view.ConsoleWindow;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: one window over one {@link Console}. Started by {@link ConsoleLauncher}. */
public final class ConsoleApp extends Application {

    private static AdminClient client;
    private static String title;
    private static AutoCloseable ownedEngine;
    private Console console;

    static void run(AdminClient adminClient, String windowTitle, AutoCloseable engine) {
        client = adminClient;
        title = windowTitle;
        ownedEngine = engine;
        Application.launch(ConsoleApp.class);
    }

    @Override
    public void start(Stage stage) {
        console = new Console(client, new UiQueue(Platform::runLater));
        ConsoleWindow window = new ConsoleWindow(console, title);
        stage.setTitle("LinkUp console — " + title);
        stage.setScene(window.scene());
        stage.setWidth(1280);
        stage.setHeight(820);
        stage.show();
        console.start();
        window.showView(0);
    }

    @Override
    public void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        if (ownedEngine != null) {
            ownedEngine.close();
        }
        System.exit(0);
    }
}
