package golf.linkup.app;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one engine instance must close, in the order it was opened; {@link #close()} closes it in
 * reverse (what was opened last depends on what came before). Every assembly adds what it opens.
 */
final class Closer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Returns {@code part}, now to be closed with the engine. */
    synchronized <T extends AutoCloseable> T add(T part) {
        opened.add(part);
        return part;
    }

    /** Closes everything added, newest first; a failure is logged and the rest are still closed. */
    @Override
    public synchronized void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                LOG.warn("while stopping {}: {}", opened.get(i), e.toString());
            }
        }
        opened.clear();
    }
}
