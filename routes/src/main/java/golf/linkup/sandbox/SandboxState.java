package golf.linkup.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running sandbox tells the command line about itself: one file per sandbox,
 * {@code .linkup/sandbox-<port>.properties} ({@code pid}, {@code http.port}, {@code redis.url},
 * {@code events.channel}), written when it is ready and removed when it stops. One file per port, so
 * two sandboxes in one folder (on two ports) never overwrite or remove each other's. A file whose
 * process is gone (killed) is ignored and removed by the next reader.
 */
public final class SandboxState {

    public static final Path DIRECTORY = Path.of(".linkup");

    /** One running sandbox. */
    public record Running(long pid, int httpPort, String redisUrl, String eventsChannel, String eventsStream,
            Path file) {
    }

    private SandboxState() {
    }

    static Path fileFor(Path directory, int port) {
        return directory.resolve("sandbox-" + port + ".properties");
    }

    /** Writes this process's sandbox on {@code port}; returns the file to remove at stop. */
    static Path write(Path directory, int port, String redisUrl, String eventsChannel, String eventsStream)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        p.setProperty("http.port", Integer.toString(port));
        p.setProperty("redis.url", redisUrl);
        p.setProperty("events.channel", eventsChannel);
        p.setProperty("events.stream", eventsStream);
        Files.createDirectories(directory);
        Path file = fileFor(directory, port);
        Path partial = directory.resolve(file.getFileName() + ".partial");
        try (var out = Files.newBufferedWriter(partial)) {
            p.store(out, "written by the running LinkUp sandbox; read by bin/linkup publish; removed when it stops");
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** Removes {@code file} if it still describes this process (a newer sandbox on the port keeps its own). */
    static void remove(Path file) {
        try {
            Optional<Running> running = read(file);
            if (running.isEmpty() || running.get().pid() == ProcessHandle.current().pid()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // best effort: a reader ignores files of processes that are gone
        }
    }

    /** The sandboxes running from {@code directory}, lowest port first; files of dead processes are removed. */
    public static List<Running> running(Path directory) throws IOException {
        List<Running> found = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "sandbox-*.properties")) {
            for (Path file : files) {
                Optional<Running> state = read(file);
                if (state.isPresent() && ProcessHandle.of(state.get().pid()).map(ProcessHandle::isAlive).orElse(false)) {
                    found.add(state.get());
                } else {
                    Files.deleteIfExists(file); // its sandbox was killed before it could clean up
                }
            }
        }
        found.sort(Comparator.comparingInt(Running::httpPort));
        return found;
    }

    private static Optional<Running> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        try {
            return Optional.of(new Running(Long.parseLong(p.getProperty("pid", "")),
                    Integer.parseInt(p.getProperty("http.port", "")), p.getProperty("redis.url", ""),
                    p.getProperty("events.channel", "linkup:events"),
                    p.getProperty("events.stream", "linkup:events:stream"), file));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
