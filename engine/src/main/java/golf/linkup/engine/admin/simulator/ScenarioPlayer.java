package golf.linkup.engine.admin.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a {@link Scenario} from a folder (the sandbox's {@code sample-data/scenarios}) through the
 * {@link Simulator}, at a chosen speed: {@code speed} scenario seconds per real second, or as fast as
 * possible when {@code speed} is 0. One scenario plays at a time, on its own thread. A step that
 * fails (a full tee time, an unknown user) is counted with its reason and the scenario goes on.
 */
public final class ScenarioPlayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioPlayer.class);

    /** What the player is doing; {@code lastError} is the last failed step's reason. */
    public record Status(String scenario, String state, double speed, int stepsDone, int stepsTotal, int failures,
            String lastError, long scenarioSecond, long durationSeconds, Instant startedAt) {
    }

    private final Simulator simulator;
    private final Path directory;
    private final Clock clock;
    private volatile Status status = new Status(null, "IDLE", 0, 0, 0, 0, null, 0, 0, null);
    private Thread thread;
    private volatile boolean stopRequested;

    public ScenarioPlayer(Simulator simulator, Path directory, Clock clock) {
        this.simulator = simulator;
        this.directory = directory;
        this.clock = clock;
    }

    /** Scenario names (files {@code *.json} in the folder), sorted. */
    public List<String> scenarios() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list scenarios in " + directory, e);
        }
    }

    public Status status() {
        return status;
    }

    /**
     * Starts playing; returns at once.
     *
     * @throws IllegalStateException    when a scenario is playing
     * @throws IllegalArgumentException when there is no such scenario or its file is invalid
     */
    public synchronized Status play(String name, double speed) {
        if (thread != null && thread.isAlive()) {
            throw new IllegalStateException("scenario " + status.scenario() + " is playing; stop it first");
        }
        if (speed < 0 || Double.isNaN(speed)) {
            throw new IllegalArgumentException("speed must be 0 (as fast as possible) or positive");
        }
        if (!name.matches("[A-Za-z0-9_-]+") || !scenarios().contains(name)) {
            throw new IllegalArgumentException("no scenario '" + name + "' in " + directory + " (there are "
                    + scenarios() + ")");
        }
        Scenario scenario;
        try {
            scenario = Scenario.read(directory.resolve(name + ".json"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read scenario " + name + ": " + e.getMessage(), e);
        }
        stopRequested = false;
        status = new Status(scenario.name(), "PLAYING", speed, 0, scenario.steps().size(), 0, null, 0,
                scenario.durationSeconds(), clock.instant());
        thread = new Thread(() -> run(scenario, speed), "linkup-scenario-" + name);
        thread.setDaemon(true);
        thread.start();
        return status;
    }

    /** Stops the playing scenario after its current step; waits up to 5 s for that. */
    public Status stop() {
        Thread t;
        synchronized (this) {
            t = thread;
            stopRequested = true;
        }
        if (t != null) {
            synchronized (this) {
                notifyAll();
            }
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return status;
    }

    private void run(Scenario scenario, double speed) {
        Map<String, String> labels = new HashMap<>();
        long startNanos = System.nanoTime();
        int done = 0;
        int failures = 0;
        String lastError = null;
        for (Scenario.Step step : scenario.steps()) {
            if (speed > 0 && !waitUntil(startNanos + (long) (step.at() / speed * 1e9))) {
                break;
            }
            if (stopRequested) {
                break;
            }
            try {
                perform(step, labels, scenario.name());
            } catch (RuntimeException e) {
                failures++;
                lastError = "step " + step.index() + " (" + step.action() + "): " + e.getMessage();
                LOG.debug("scenario {}: {}", scenario.name(), lastError);
            }
            done++;
            status = new Status(scenario.name(), "PLAYING", speed, done, scenario.steps().size(), failures, lastError,
                    step.at(), scenario.durationSeconds(), status.startedAt());
        }
        String end = stopRequested ? "STOPPED" : "FINISHED";
        status = new Status(scenario.name(), end, speed, done, scenario.steps().size(), failures, lastError,
                status.scenarioSecond(), scenario.durationSeconds(), status.startedAt());
        LOG.info("scenario {} {}: {} of {} steps, {} failed", scenario.name(), end.toLowerCase(), done,
                scenario.steps().size(), failures);
    }

    /** Waits until {@code deadline} (System.nanoTime) or a stop; false when stopped. */
    private synchronized boolean waitUntil(long deadline) {
        long left;
        while (!stopRequested && (left = deadline - System.nanoTime()) > 0) {
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopRequested;
    }

    private void perform(Scenario.Step step, Map<String, String> labels, String source) {
        switch (step.action()) {
            case "create" -> {
                ZoneId zone = simulator.writes().courseZone(step.course());
                Instant startsAt = java.time.LocalDate.now(clock.withZone(zone)).plusDays(step.inDays())
                        .atTime(step.localTime()).atZone(zone).toInstant();
                SimulatedEvent created = simulator.createTeeTime(step.host(), step.course(), startsAt, step.slots(),
                        false, "ANY", source);
                if (step.label() != null) {
                    labels.put(step.label(), created.teeTimeId());
                }
            }
            case "join" -> simulator.join(resolve(step, labels), step.user(), source);
            case "leave" -> simulator.leave(resolve(step, labels), step.user(), source);
            case "message" -> simulator.message(resolve(step, labels), step.user(), step.body(), source);
            case "cancel" -> simulator.cancel(resolve(step, labels), step.reason(), source);
            default -> throw new IllegalStateException("unknown action " + step.action());
        }
    }

    private static String resolve(Scenario.Step step, Map<String, String> labels) {
        return labels.getOrDefault(step.teeTime(), step.teeTime());
    }

    @Override
    public void close() {
        stop();
    }
}
