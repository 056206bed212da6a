package golf.linkup.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** The load tools' command line ({@code --name value} pairs) and the running sandbox's state file. */
final class LoadOptions {

    private LoadOptions() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }

    /**
     * What a running sandbox wrote about itself ({@code --state FILE}, default: the one sandbox running
     * from this folder, {@code .linkup/sandbox-PORT.properties}: pid, http.port, redis.url); empty when
     * there is none.
     */
    static Properties sandbox(Map<String, String> o) throws IOException {
        Properties sandbox = new Properties();
        Path state = o.containsKey("state") ? Path.of(o.get("state"))
                : golf.linkup.sandbox.SandboxState.running(golf.linkup.sandbox.SandboxState.DIRECTORY).stream()
                        .findFirst().map(golf.linkup.sandbox.SandboxState.Running::file).orElse(null);
        if (state != null && Files.exists(state)) {
            try (var in = Files.newBufferedReader(state)) {
                sandbox.load(in);
            }
        }
        return sandbox;
    }
}
