package golf.linkup.engine.storage;

/** The database could not answer. Transient by assumption: callers may retry. */
public final class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
