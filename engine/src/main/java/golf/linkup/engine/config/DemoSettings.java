package golf.linkup.engine.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code linkup.demo.*}: the demo page (docs/architecture.md, "Clients and the demo page") served at {@code /demo/}. On by default in the
 * sandbox, off in production unless {@code linkup.demo.enabled=true}. The files come from
 * {@code dir} ({@code clients/}: the page in {@code demo/}, the client module in
 * {@code js/linkup-client.js}), read on each request so an edit shows on reload.
 *
 * <p>When the files are missing, an explicit {@code enabled=true} stops start-up naming
 * {@code linkup.demo.dir}; the sandbox's default just leaves the page off and says why ({@code note}).
 *
 * @param note why the page is off although the profile's default would serve it; empty otherwise
 */
public record DemoSettings(boolean enabled, Path dir, Optional<String> note) {

    /** The files the page cannot work without, relative to {@code dir}. */
    static final String[] REQUIRED = {"demo/index.html", "js/linkup-client.js"};

    public static DemoSettings read(SettingsReader in, boolean sandbox) {
        Optional<String> explicit = in.optional("linkup.demo.enabled");
        boolean enabled = in.bool("linkup.demo.enabled", sandbox);
        Path dir = Path.of(in.string("linkup.demo.dir", "clients"));
        if (!enabled) {
            return new DemoSettings(false, dir, Optional.empty());
        }
        for (String file : REQUIRED) {
            Path path = dir.resolve(file);
            if (!Files.isRegularFile(path)) {
                String problem = path.toAbsolutePath().normalize() + " is missing: point linkup.demo.dir at the"
                        + " repository's clients/ folder (or set linkup.demo.enabled=false)";
                if (explicit.isPresent()) {
                    in.refuse("linkup.demo.dir", problem);
                }
                return new DemoSettings(false, dir, Optional.of("demo page off: " + problem));
            }
        }
        return new DemoSettings(true, dir, Optional.empty());
    }

    public static DemoSettings off() {
        return new DemoSettings(false, Path.of("clients"), Optional.empty());
    }
}
