package golf.linkup.engine.notifications.templates;

import golf.linkup.engine.notifications.NotificationType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a caller's model into what templates see: a deep copy without nulls and without private
 * keys, plus pre-formatted values (see templates/README.md, "Derived keys"). Applied to the
 * top-level map and, recursively, to every map inside it (list items such as the digest's
 * {@code teeTimes} or the reminder's {@code players}).
 */
final class TemplateModel {

    /** Keys no template may ever see (a notification never includes a chat message's content). */
    static final Set<String> PRIVATE_KEYS = Set.of("messageText");

    /** Prefixes of person-name keys ({@code playerName} → {@code playerFirstName}, {@code playerShortName}). */
    private static final List<String> PERSON_PREFIXES = List.of("recipient", "player", "sender", "host", "");

    /** Suffixes dropped from course names for {@code courseShortName}, longest first. */
    private static final List<String> COURSE_SUFFIXES = List.of(" Golf and Country Club", " Golf & Country Club",
            " Golf Course", " Golf Club", " Golf Links", " Country Club", " Course", " Club");

    static final int DIGEST_MAX_TEE_TIMES = 5;

    private final Labels labels;
    private final String appUrl;

    TemplateModel(Labels labels, String appUrl) {
        this.labels = labels;
        this.appUrl = appUrl;
    }

    /**
     * @param formatLocale how dates and numbers are written (the recipient's locale when the
     *                     template is in its language, else the template's language)
     * @param languages    the template's language chain, for labels (e.g. es-MX, es, en)
     */
    Map<String, Object> prepare(NotificationType type, Locale formatLocale, String templateLanguage,
            List<String> languages, Map<String, ?> model) {
        Map<String, Object> m = copy(model == null ? Map.of() : model);
        m.put("lang", templateLanguage);
        m.putIfAbsent("appUrl", appUrl);
        m.putIfAbsent("feedUrl", appUrl + "/feed");
        m.putIfAbsent("settingsUrl", appUrl + "/settings/notifications");
        if (type == NotificationType.NEW_TEE_TIME || type == NotificationType.NEW_MESSAGE) {
            int count = m.get("count") instanceof Number n ? n.intValue() : 1;
            m.put("count", count);
            m.put("batched", count > 1);
        }
        if (type == NotificationType.WEEKLY_DIGEST && m.get("teeTimes") instanceof List<?> list
                && list.size() > DIGEST_MAX_TEE_TIMES) {
            m.put("teeTimes", new ArrayList<>(list.subList(0, DIGEST_MAX_TEE_TIMES)));
        }
        enrich(m, formatLocale, languages);
        return m;
    }

    // ---------------------------------------------------------------- copy

    private static Map<String, Object> copy(Map<String, ?> source) {
        Map<String, Object> out = new LinkedHashMap<>();
        source.forEach((key, value) -> {
            if (key != null && value != null && !PRIVATE_KEYS.contains(key)) {
                out.put(key, copyValue(value));
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copy((Map<String, ?>) map);
        }
        if (value instanceof Collection<?> collection) {
            List<Object> out = new ArrayList<>(collection.size());
            for (Object item : collection) {
                if (item != null) {
                    out.add(copyValue(item));
                }
            }
            return out;
        }
        return value;
    }

    // ---------------------------------------------------------------- derived keys

    @SuppressWarnings("unchecked")
    private void enrich(Map<String, Object> m, Locale locale, List<String> languages) {
        for (Map.Entry<String, Object> e : List.copyOf(m.entrySet())) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested) {
                enrich((Map<String, Object>) nested, locale, languages);
            } else if (v instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> nested) {
                        enrich((Map<String, Object>) nested, locale, languages);
                    }
                }
                m.putIfAbsent(e.getKey() + "Count", list.size());
            }
        }
        if (m.containsKey("startsAt")) {
            ZonedDateTime at = courseTime(m.get("startsAt"), m.get("courseTimeZone"));
            m.putIfAbsent("day", DateTimeFormatter.ofPattern("EEE", locale).format(at));
            m.putIfAbsent("time", DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(at));
            m.putIfAbsent("when", m.get("day") + " " + m.get("time"));
            m.putIfAbsent("date", DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(at));
            m.putIfAbsent("zone", DateTimeFormatter.ofPattern("zzz", locale).format(at));
        }
        if (m.get("courseName") instanceof String course) {
            m.putIfAbsent("courseShortName", courseShortName(course));
        }
        Object industry = m.get("industry");
        if (industry instanceof String || industry instanceof Enum<?>) {
            String name = industry instanceof Enum<?> en ? en.name() : ((String) industry).trim().toUpperCase(Locale.ROOT);
            String label = labels.get("industry." + name, languages);
            m.putIfAbsent("industryName", label != null ? label : Labels.humanize(name));
        }
        for (String prefix : PERSON_PREFIXES) {
            String key = prefix.isEmpty() ? "name" : prefix + "Name";
            if (m.get(key) instanceof String name && !name.isBlank()) {
                m.putIfAbsent(prefix.isEmpty() ? "firstName" : prefix + "FirstName", firstName(name));
                m.putIfAbsent(prefix.isEmpty() ? "shortName" : prefix + "ShortName", shortName(name));
            }
        }
        if (m.get("teeTimeId") instanceof String id) {
            m.putIfAbsent("teeTimeUrl", appUrl + "/tee-times/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, Object> e : List.copyOf(m.entrySet())) {
            if (e.getValue() instanceof Integer || e.getValue() instanceof Long || e.getValue() instanceof Short) {
                long n = ((Number) e.getValue()).longValue();
                m.putIfAbsent(e.getKey() + "IsOne", n == 1);
                m.putIfAbsent(e.getKey() + "IsMany", n > 1);
            }
        }
    }

    /** A tee time's start in its course's time zone (never the recipient's). */
    static ZonedDateTime courseTime(Object startsAt, Object zoneValue) {
        ZoneId zone;
        try {
            zone = zoneValue instanceof ZoneId z ? z : zoneValue instanceof String s ? ZoneId.of(s.trim()) : null;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("courseTimeZone '" + zoneValue + "' is not a time zone id", e);
        }
        if (zoneValue != null && zone == null) {
            throw new IllegalArgumentException("courseTimeZone must be a ZoneId or an IANA id, not "
                    + zoneValue.getClass().getSimpleName());
        }
        Object value = startsAt instanceof String s ? parse(s.trim()) : startsAt;
        if (value instanceof ZonedDateTime z) {
            return zone == null ? z : z.withZoneSameInstant(zone);
        }
        if (value instanceof OffsetDateTime o) {
            return zone == null ? o.toZonedDateTime() : o.atZoneSameInstant(zone);
        }
        if (zone == null) {
            throw new IllegalArgumentException("startsAt (" + startsAt + ") needs courseTimeZone in the model:"
                    + " tee times are shown in the course's time zone");
        }
        if (value instanceof Instant i) {
            return i.atZone(zone);
        }
        if (value instanceof LocalDateTime l) {
            return l.atZone(zone);
        }
        throw new IllegalArgumentException("startsAt must be an Instant, OffsetDateTime, ZonedDateTime,"
                + " LocalDateTime (course-local) or ISO-8601 text, not " + startsAt.getClass().getSimpleName());
    }

    private static Object parse(String text) {
        try {
            return ZonedDateTime.parse(text);
        } catch (DateTimeParseException notZoned) {
            try {
                return LocalDateTime.parse(text);
            } catch (DateTimeParseException notLocal) {
                throw new IllegalArgumentException("startsAt '" + text + "' is not an ISO-8601 date-time", notLocal);
            }
        }
    }

    static String firstName(String fullName) {
        return fullName.trim().split("\\s+")[0];
    }

    /** "John Doe" → "John D." (as push notifications show people); a single name stays as it is. */
    static String shortName(String fullName) {
        String[] words = fullName.trim().split("\\s+");
        if (words.length == 1) {
            return words[0];
        }
        String last = words[words.length - 1];
        return words[0] + " " + new String(Character.toChars(last.codePointAt(0))) + ".";
    }

    /**
     * "Pebble Beach Golf Links" → "Pebble Beach", "TPC Sawgrass (Stadium Course)" → "TPC Sawgrass";
     * names that would shrink to one word or to "The …" keep their suffix ("Muirfield", "The Olympic Club").
     */
    static String courseShortName(String courseName) {
        String name = courseName.trim().replaceAll("\\s*\\([^)]*\\)$", "").trim();
        for (String suffix : COURSE_SUFFIXES) {
            if (name.endsWith(suffix)) {
                String candidate = name.substring(0, name.length() - suffix.length()).trim();
                if (candidate.split("\\s+").length >= 2 && !candidate.startsWith("The ")) {
                    return candidate;
                }
                break;
            }
        }
        return name;
    }
}
