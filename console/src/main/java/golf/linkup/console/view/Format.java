package golf.linkup.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How figures and times read in the console. */
final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private Format() {
    }

    /** Whole numbers with thousands separators; others with up to 2 decimals. */
    static String number(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return "";
        }
        return number(n.asDouble());
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    static String time(JsonNode n) {
        return n == null || !n.isTextual() ? "" : TIME.format(Instant.parse(n.asText()));
    }

    static String dateTime(JsonNode n) {
        return n == null || !n.isTextual() ? "" : DATE_TIME.format(Instant.parse(n.asText()));
    }

    static String seconds(double s) {
        if (s <= 0) {
            return "–";
        }
        Duration d = Duration.ofMillis((long) (s * 1000));
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    static String millis(double ms) {
        return ms < 0 ? "–" : ms < 10 ? String.format(Locale.ROOT, "%.2f ms", ms) : String.format(Locale.ROOT, "%,.0f ms", ms);
    }

    /** A duration where 0 means "none in that second". */
    static String millisOrDash(double ms) {
        return ms <= 0 ? "–" : millis(ms);
    }

    /**
     * Text as the console's fonts can draw it: JavaFX has no colour-emoji font on Linux, and the
     * system fonts draw neither the pictographs beyond the basic plane nor the basic plane's emoji
     * (those shown as emoji by default: ⛳ ⚡ ✅), which would show as boxes. Those become their
     * Unicode names in brackets ("⛳" → "[flag in hole]", "🏌" → "[golfer]"); joiners, variation
     * selectors and skin-tone modifiers, which draw nothing by themselves, are dropped. Other symbols
     * (✓ ★ → ·) stay as they are.
     */
    static String displayable(String text) {
        if (text == null) {
            return "";
        }
        boolean plain = true;
        for (int i = 0; i < text.length() && plain; i++) {
            char c = text.charAt(i);
            plain = !Character.isSurrogate(c) && c != '\u200D' && c != '\uFE0F' && c != '\uFE0E' && !isBasicEmoji(c);
        }
        if (plain) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E || (cp >= 0x1F3FB && cp <= 0x1F3FF)) {
                return;
            }
            if (Character.isSupplementaryCodePoint(cp) || isBasicEmoji(cp)) {
                String name = Character.getName(cp);
                out.append('[').append(name == null ? String.format(Locale.ROOT, "U+%X", cp)
                        : name.toLowerCase(Locale.ROOT)).append(']');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** Basic-plane characters shown as emoji by default (Unicode's Emoji_Presentation), which no system font here draws. */
    private static final int[][] BASIC_EMOJI = {{0x231A, 0x231B}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3},
        {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
        {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA},
        {0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B},
        {0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
        {0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}};

    static boolean isBasicEmoji(int cp) {
        if (cp < 0x231A || cp > 0x2B55) {
            return false;
        }
        for (int[] range : BASIC_EMOJI) {
            if (cp >= range[0] && cp <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** A full ISO timestamp in local time with its zone, for tooltips ("2026-05-01 15:04:05.123 +02:00"). */
    static String fullTime(JsonNode n) {
        return n == null || !n.isTextual() ? "" : FULL.format(Instant.parse(n.asText()));
    }

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx '('VV')'",
            Locale.ENGLISH).withZone(ZoneId.systemDefault());

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
