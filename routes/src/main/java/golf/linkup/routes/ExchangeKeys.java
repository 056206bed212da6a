package golf.linkup.routes;

/** Header and property names the event routes share. */
public final class ExchangeKeys {

    /** Property: the event's text exactly as read off Redis (what a dead letter keeps). */
    public static final String RAW_EVENT = "linkupRawEvent";
    /** Property: the parsed {@code DomainEvent}, restored as the body after steps that replace it. */
    public static final String EVENT = "linkupEvent";
    /** Header: the event's id (idempotency key). */
    public static final String EVENT_ID = "linkupEventId";
    /** Header: the event's wire type, e.g. {@code tee-time.created}. */
    public static final String EVENT_TYPE = "linkupEventType";

    private ExchangeKeys() {
    }
}
