package golf.linkup.engine.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The domain events on {@code linkup:events} (DESIGN.md, "Events"). */
public enum EventType {
    TEE_TIME_CREATED("tee-time.created"),
    TEE_TIME_UPDATED("tee-time.updated"),
    TEE_TIME_CANCELLED("tee-time.cancelled"),
    SLOT_JOINED("slot.joined"),
    SLOT_LEFT("slot.left"),
    MESSAGE_SENT("message.sent");

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the envelope's {@code type} field. */
    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }
}
