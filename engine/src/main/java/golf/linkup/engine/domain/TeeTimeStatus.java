package golf.linkup.engine.domain;

/** Life cycle of a tee time. OPEN and FULL can still change; the others are final. */
public enum TeeTimeStatus {
    OPEN,
    FULL,
    CANCELLED,
    COMPLETED,
    ARCHIVED
}
