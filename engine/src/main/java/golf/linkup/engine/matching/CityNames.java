package golf.linkup.engine.matching;

import java.text.Normalizer;
import java.util.Locale;

/**
 * City names as the "same city" rule compares them: accents removed, lower case, every run of
 * punctuation or spaces one space, trimmed. "Saint-Étienne" and "saint etienne" are equal;
 * "St. Louis" and "Saint Louis" are not (no abbreviation table).
 */
public final class CityNames {

    private CityNames() {
    }

    /** The comparable form of a city name, or {@code null} for a missing or blank one. */
    public static String normalize(String city) {
        if (city == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(city, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean pendingSpace = false;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(c)) {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(c);
            } else {
                pendingSpace = true;
            }
        }
        if (out.length() == 0) {
            return null;
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
