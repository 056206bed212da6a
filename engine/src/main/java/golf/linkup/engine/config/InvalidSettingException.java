package golf.linkup.engine.config;

import java.util.List;

/** A configuration value that cannot be used. The message always names the key (every key, for several). */
public final class InvalidSettingException extends RuntimeException {

    private final String key;

    public InvalidSettingException(String key, String problem) {
        super("configuration key '" + key + "' (env " + envName(key) + "): " + problem);
        this.key = key;
    }

    private InvalidSettingException(String key, String message, boolean full) {
        super(message);
        this.key = key;
    }

    /** One exception for several refused keys, each on a line of the message; {@link #key()} is the first. */
    public static InvalidSettingException all(List<InvalidSettingException> refused) {
        if (refused.size() == 1) {
            return refused.get(0);
        }
        StringBuilder message = new StringBuilder(refused.size() + " configuration keys cannot be used:");
        refused.forEach(e -> message.append("\n  - ").append(e.getMessage()));
        InvalidSettingException all = new InvalidSettingException(refused.get(0).key(), message.toString(), true);
        refused.forEach(all::addSuppressed);
        return all;
    }

    /** The (first) key refused. */
    public String key() {
        return key;
    }

    /** The environment variable that overrides a key: upper case, dots and dashes as underscores. */
    public static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
