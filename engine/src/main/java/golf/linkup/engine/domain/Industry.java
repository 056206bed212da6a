package golf.linkup.engine.domain;

/** Industries a player belongs to and a tee time can be reserved for. */
public enum Industry {
    FINANCE,
    PRIVATE_CAPITAL,
    CONSULTING,
    TECH,
    REAL_ESTATE,
    LEGAL,
    HEALTHCARE,
    EDUCATION,
    MEDIA_ENTERTAINMENT;

    /** Parses a case-insensitive name; {@code null} when the text names no industry. */
    public static Industry parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
