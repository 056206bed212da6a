package golf.linkup.engine.notifications.templates;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** Words the renderer puts into models ({@code templates/labels.<lang>.properties}, UTF-8). */
final class Labels {

    private final Map<String, Properties> byLanguage;

    private Labels(Map<String, Properties> byLanguage) {
        this.byLanguage = byLanguage;
    }

    static Labels load(Map<String, Path> files) {
        Map<String, Properties> loaded = new java.util.HashMap<>();
        files.forEach((lang, file) -> {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            loaded.put(lang, p);
        });
        return new Labels(Map.copyOf(loaded));
    }

    /** The label for {@code key} in the first of {@code languages} that has one, else null. */
    String get(String key, Iterable<String> languages) {
        for (String lang : languages) {
            Properties p = byLanguage.get(lang);
            if (p != null && p.getProperty(key) != null) {
                return p.getProperty(key);
            }
        }
        return null;
    }

    /** {@code PRIVATE_CAPITAL} → {@code Private Capital}: when no label exists in any language. */
    static String humanize(String enumName) {
        StringBuilder out = new StringBuilder();
        for (String word : enumName.toLowerCase(Locale.ROOT).split("_")) {
            if (word.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }
}
