package golf.linkup.app;

import golf.linkup.engine.config.EngineSettings;
import golf.linkup.engine.events.EventParser;
import golf.linkup.engine.liveupdates.ForgetsParticipants;
import golf.linkup.engine.liveupdates.LiveUpdateHandler;
import golf.linkup.engine.liveupdates.MessageSentHandler;
import golf.linkup.engine.liveupdates.SlotChangeHandler;
import golf.linkup.engine.liveupdates.TeeTimeCancelledHandler;
import golf.linkup.engine.liveupdates.TeeTimeCreatedHandler;
import golf.linkup.engine.liveupdates.TeeTimeUpdatedHandler;
import golf.linkup.engine.storage.TeeTimeDirectory;
import golf.linkup.intake.GroupStreamReader;
import golf.linkup.intake.IntakeMonitor;
import golf.linkup.intake.IntakeReaders;
import golf.linkup.intake.LiveCursor;
import golf.linkup.intake.LiveStreamReader;
import golf.linkup.intake.RedisEventStream;
import golf.linkup.redis.SubscriptionWatchdog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Event intake (docs/architecture.md, "An event's path"): the Redis Stream publishers append to, its
 * two readers (every instance reads it all; one consumer group for once-per-cluster work), their
 * health, the parser and the live-update handlers that turn events into room messages, and the
 * legacy pub/sub channel's listener when that channel is on.
 */
public final class IntakeAssembly {

    /** A stream reader waits this long for new entries per round trip (its health beat). */
    private static final Duration READ_BLOCK = Duration.ofSeconds(1);

    private final RedisEventStream eventStream;
    private final LiveCursor liveCursor;
    private final LiveStreamReader liveReader;
    private final GroupStreamReader groupReader;
    private final IntakeReaders intakeReaders;
    private final IntakeMonitor intakeMonitor;
    private final EventParser eventParser = new EventParser();
    private final List<LiveUpdateHandler> liveUpdateHandlers;
    private final Optional<RedisMessageListenerContainer> legacyContainer;
    private final Optional<SubscriptionWatchdog> legacyWatchdog;

    IntakeAssembly(InfrastructureAssembly infrastructure) {
        EngineSettings settings = infrastructure.settings();
        var clock = infrastructure.clock();
        eventStream = new RedisEventStream(infrastructure.redis(), settings.intake().stream(), settings.intake().group());
        liveCursor = new LiveCursor(eventStream);
        liveReader = new LiveStreamReader(eventStream, liveCursor, settings.intake().batchSize(), READ_BLOCK);
        groupReader = new GroupStreamReader(eventStream, settings.instanceId(), settings.intake().batchSize(),
                READ_BLOCK, settings.intake().claimIdle(), clock);
        intakeReaders = new IntakeReaders(clock, settings.healthStaleAfter());
        intakeMonitor = new IntakeMonitor(eventStream, liveReader, liveCursor, settings.intake(), clock,
                infrastructure.metrics().meterRegistry());
        TeeTimeDirectory directory = infrastructure.directory();
        // events that can change a tee time's players first make the participants cache forget it
        liveUpdateHandlers = Stream.of(
                new TeeTimeCreatedHandler(directory),
                new TeeTimeUpdatedHandler(directory),
                new TeeTimeCancelledHandler(directory),
                SlotChangeHandler.joined(directory),
                SlotChangeHandler.left(directory),
                new MessageSentHandler(directory))
                .map(h -> ForgetsParticipants.wrap(h, infrastructure.participants()::forget))
                .toList();
        // the legacy pub/sub channel (at most once) is bridged into the stream; empty turns it off
        if (settings.intake().legacyChannel().isEmpty()) {
            legacyContainer = Optional.empty();
            legacyWatchdog = Optional.empty();
        } else {
            RedisMessageListenerContainer container = infrastructure.redis().orderedContainer("linkup-events");
            legacyContainer = Optional.of(container);
            legacyWatchdog = Optional.of(new SubscriptionWatchdog("redisEventsSubscription", container,
                    infrastructure.redis().template(), "linkup:canary:" + settings.instanceId() + ":events",
                    settings.healthStaleAfter(), clock));
        }
    }

    public RedisEventStream eventStream() {
        return eventStream;
    }

    /** How far this instance's live reader has put events into room history. */
    public LiveCursor liveCursor() {
        return liveCursor;
    }

    public LiveStreamReader liveReader() {
        return liveReader;
    }

    public GroupStreamReader groupReader() {
        return groupReader;
    }

    public IntakeReaders intakeReaders() {
        return intakeReaders;
    }

    public IntakeMonitor intakeMonitor() {
        return intakeMonitor;
    }

    public EventParser eventParser() {
        return eventParser;
    }

    public List<LiveUpdateHandler> liveUpdateHandlers() {
        return liveUpdateHandlers;
    }

    /** The legacy events channel's listener container; empty when the channel is off. */
    public Optional<RedisMessageListenerContainer> legacyContainer() {
        return legacyContainer;
    }

    /** Watches the legacy channel's subscription; empty when the channel is off. */
    Optional<SubscriptionWatchdog> legacyWatchdog() {
        return legacyWatchdog;
    }
}
