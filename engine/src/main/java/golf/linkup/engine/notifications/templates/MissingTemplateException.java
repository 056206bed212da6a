package golf.linkup.engine.notifications.templates;

import java.nio.file.Path;

/** A template file the rules need is not there (thrown when a renderer is built). */
public final class MissingTemplateException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public MissingTemplateException(Path file, String message) {
        super(message);
        this.file = file;
    }

    /** The file that was looked for. */
    public Path file() {
        return file;
    }
}
