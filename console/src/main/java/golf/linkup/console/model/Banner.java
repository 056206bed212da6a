package golf.linkup.console.model;

/**
 * A message across the top of the window that stays until it is dismissed or its cause goes away:
 * the console's own errors (a refused token, an engine it cannot reach, a refused action) and what
 * an action actually led to.
 *
 * @param kind  {@code error}, {@code warning} or {@code info}; the view's style class is {@code banner-<kind>}
 * @param topic what it is about ({@code connection} for the engine link, {@code action} for an
 *              operator's action): a newer banner of the same topic replaces it, and the link's
 *              banner goes when the link is back
 */
public record Banner(String kind, String topic, String text) {

    public static Banner error(String topic, String text) {
        return new Banner("error", topic, text);
    }

    public static Banner warning(String topic, String text) {
        return new Banner("warning", topic, text);
    }

    public static Banner info(String topic, String text) {
        return new Banner("info", topic, text);
    }
}
