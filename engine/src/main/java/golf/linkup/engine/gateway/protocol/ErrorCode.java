package golf.linkup.engine.gateway.protocol;

/**
 * Codes of the {@code error} message. Stable: clients switch on them. Codes are spelled like
 * the REST API's error codes: upper case with underscores.
 */
public enum ErrorCode {
    /** The frame is not JSON. */
    INVALID_JSON,
    /** The frame is JSON but not a message object with a string {@code type}. */
    INVALID_MESSAGE,
    /** {@code type} names no client message. */
    UNKNOWN_TYPE,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field is present but unusable (wrong type, out of range, unknown industry). */
    INVALID_FIELD,
    /** {@code subscribe:feed} without industries for a user whose industry is unknown. */
    NO_DEFAULT_INDUSTRY,
    /** Binary frames are not part of the protocol. */
    UNSUPPORTED_FRAME,
    /** Too many messages (per connection), presence updates (per user) or typing events (per tee time). */
    RATE_LIMIT_EXCEEDED,
    /** The connection is already in {@code linkup.gateway.max-subscriptions} rooms. */
    TOO_MANY_SUBSCRIPTIONS,
    /** Only the tee time's host and players may do this (typing, chat). */
    NOT_A_PARTICIPANT,
    /** {@code recover} for a room the connection is not in. */
    NOT_SUBSCRIBED,
    /** A setting stored for the connection's user ({@code presence:visibility}), who is not in the database. */
    USER_NOT_FOUND,
    /** {@code refresh-token} with a token that does not verify or is for another user. */
    TOKEN_INVALID,
    /** The server failed while handling the message; the connection stays usable. */
    INTERNAL_ERROR
}
