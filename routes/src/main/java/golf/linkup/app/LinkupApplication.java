package golf.linkup.app;

import golf.linkup.engine.config.InvalidSettingException;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.main.Main;

/**
 * The engine's entry point (Camel Main). Configuration: {@code application.properties}, overridden
 * by environment variables ({@code LINKUP_PROFILE=production}, {@code LINKUP_REDIS_URL}, ...).
 */
public final class LinkupApplication {

    private LinkupApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = create(Map.of());
        try {
            main.run(args);
        } catch (Exception e) {
            InvalidSettingException bad = Causes.find(e, InvalidSettingException.class);
            if (bad != null) {
                System.err.println("LinkUp engine refused to start: " + bad.getMessage());
                System.err.flush();
                // Nothing runs yet (the configuration closed what it had opened). halt, not exit: exit runs
                // Camel Main's hang-up hook, which would log "shutdown hook triggered by SIGTERM": untrue.
                Runtime.getRuntime().halt(2);
            }
            throw e;
        }
        System.exit(main.getExitCode());
    }

    /** A Camel Main for one engine instance; {@code overrides} win over every other source (tests). */
    public static Main create(Map<String, String> overrides) {
        return create(overrides, Clock.systemUTC());
    }

    /** The same on {@code clock} (tests drive schedules and time windows with it). */
    public static Main create(Map<String, String> overrides, Clock clock) {
        Main main = new Main();
        main.configure().addConfiguration(new EngineConfiguration(clock));
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}
