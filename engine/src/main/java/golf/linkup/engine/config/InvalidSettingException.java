package golf.linkup.engine.config;

/** A configuration value that cannot be used. The message always names the key. */
public final class InvalidSettingException extends RuntimeException {

    private final String key;

    public InvalidSettingException(String key, String problem) {
        super("configuration key '" + key + "' (env " + envName(key) + "): " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The environment variable that overrides a key: upper case, dots and dashes as underscores. */
    public static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
