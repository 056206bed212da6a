package golf.linkup.engine.notifications.templates;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import golf.linkup.engine.notifications.Channel;
import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.notifications.Recipient;
import golf.linkup.engine.notifications.RenderedMessage;
import golf.linkup.engine.notifications.TemplateRenderer;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders notifications from a {@code templates/} directory of Mustache files (layout, model keys
 * and derived keys: templates/README.md). Every file is read and compiled once, at construction;
 * a renderer is immutable and safe for concurrent use.
 *
 * <p>Construction fails with a {@link MissingTemplateException} naming the file when an English
 * template for a type and channel of {@link RuleChannels} is missing, and with an
 * {@link IllegalStateException} naming the file for any malformed, misnamed or unsafe file (a push
 * template that mentions {@code messageText}).
 *
 * <p>Language: the recipient's full tag (es-MX), then its language (es), then English. Dates and
 * times are written in the course's time zone, with the recipient's locale when the template is in
 * the recipient's language, else in the template's language (a ja recipient reading the English
 * fallback sees "Sat 8:00 AM", not "土 8:00").
 */
public final class MustacheTemplateRenderer implements TemplateRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(MustacheTemplateRenderer.class);

    /** Base of the links in e-mails ({@code teeTimeUrl}, {@code feedUrl}, {@code settingsUrl}). */
    public static final String DEFAULT_APP_URL = "https://app.linkup.golf";

    static final String FALLBACK_LANGUAGE = "en";
    static final String PARTIALS = "_partials";

    private static final String LANG = "([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)";
    private static final Pattern PUSH_OR_IN_APP = Pattern.compile("(push|in_app)\\." + LANG + "\\.mustache");
    private static final Pattern EMAIL = Pattern.compile("email\\." + LANG + "\\.(subject|txt|html)\\.mustache");
    private static final Pattern LABELS = Pattern.compile("labels\\." + LANG + "\\.properties");
    private static final Pattern PARTIAL = Pattern.compile("([A-Za-z0-9_-]+)\\.(?:" + LANG + "\\.)?(txt|html)\\.mustache");
    private static final Pattern PARTIAL_REFERENCE = Pattern.compile("\\{\\{>\\s*([^}\\s]+)\\s*}}");
    private static final Pattern PRIVATE_REFERENCE = Pattern.compile(
            "\\{\\{\\{?\\s*[#^&/]?\\s*(" + String.join("|", TemplateModel.PRIVATE_KEYS) + ")\\b");
    private static final List<String> EMAIL_PARTS = List.of("subject", "txt", "html");

    private final Path directory;
    private final Map<NotificationType, Map<Channel, Map<String, CompiledSet>>> sets;
    private final TemplateModel model;

    /** Templates from {@code directory}; links in e-mails point at {@link #DEFAULT_APP_URL}. */
    public MustacheTemplateRenderer(Path directory) {
        this(directory, DEFAULT_APP_URL);
    }

    /**
     * @param directory the {@code templates/} folder (the sandbox: {@code templates} relative to the
     *                  working directory)
     * @param appUrl    base URL of the app for links in e-mails, without a trailing slash
     */
    public MustacheTemplateRenderer(Path directory, String appUrl) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(appUrl, "appUrl");
        this.directory = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.directory)) {
            throw new MissingTemplateException(this.directory, "Template directory " + this.directory
                    + " does not exist (working directory " + Path.of("").toAbsolutePath() + ")");
        }
        Map<String, Path> labelFiles = new HashMap<>();
        Map<String, String> partials = new HashMap<>();
        Map<NotificationType, Map<Channel, Map<String, Map<String, Path>>>> found = new EnumMap<>(NotificationType.class);
        scan(labelFiles, partials, found);
        if (!labelFiles.containsKey(FALLBACK_LANGUAGE)) {
            Path expected = this.directory.resolve("labels.en.properties");
            throw new MissingTemplateException(expected, "Missing template file " + expected);
        }
        requireRuleTemplates(found);
        this.sets = compile(found, partials);
        this.model = new TemplateModel(Labels.load(labelFiles), appUrl.replaceAll("/+$", ""));
        LOG.info("Notification templates loaded from {}: {} template sets", this.directory,
                sets.values().stream().flatMap(m -> m.values().stream()).mapToInt(Map::size).sum());
    }

    public Path directory() {
        return directory;
    }

    /** Whether some language has a template for {@code type} over {@code channel}. */
    public boolean supports(NotificationType type, Channel channel) {
        return !sets.get(type).getOrDefault(channel, Map.of()).isEmpty();
    }

    /** The languages (tags such as {@code en}, {@code es}, {@code es-MX}) with a template for the pair. */
    public Set<String> languages(NotificationType type, Channel channel) {
        return Collections.unmodifiableSet(sets.get(type).getOrDefault(channel, Map.of()).keySet());
    }

    /** Renders for a recipient: its locale, and its name as {@code recipientName} unless the model has one. */
    public RenderedMessage renderFor(Recipient recipient, NotificationType type, Channel channel, Map<String, Object> model) {
        Map<String, Object> withName = new LinkedHashMap<>(model == null ? Map.of() : model);
        if (recipient.name() != null) {
            withName.putIfAbsent("recipientName", recipient.name());
        }
        return render(type, channel, recipient.locale(), withName);
    }

    @Override
    public RenderedMessage render(NotificationType type, Channel channel, Locale locale, Map<String, Object> input) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(channel, "channel");
        Locale requested = locale == null || locale.getLanguage().isEmpty() ? Locale.ENGLISH : locale;
        Map<String, CompiledSet> byLanguage = sets.get(type).getOrDefault(channel, Map.of());
        CompiledSet set = null;
        for (String lang : languageChain(requested)) {
            set = byLanguage.get(lang);
            if (set != null) {
                break;
            }
        }
        if (set == null) {
            throw new IllegalArgumentException("No template for " + type.key() + " over " + channel.key()
                    + " in " + directory + " (the rules use " + RuleChannels.of(type) + ")");
        }
        Locale formatLocale = requested.getLanguage().equals(Locale.forLanguageTag(set.language).getLanguage())
                ? requested : Locale.forLanguageTag(set.language);
        Map<String, Object> context = model.prepare(type, formatLocale, set.language, languageChain(
                Locale.forLanguageTag(set.language)), input);

        String title;
        String body;
        String html = null;
        if (channel == Channel.EMAIL) {
            title = oneLine(execute(set, "subject", set.subject, context));
            context.put("subject", title);
            body = tidyText(execute(set, "txt", set.text, context));
            html = execute(set, "html", set.html, context).strip();
        } else {
            title = oneLine(execute(set, "title", set.title, context));
            body = oneLine(execute(set, "body", set.body, context));
        }
        if (title.isBlank() || body.isBlank()) {
            throw new IllegalArgumentException(set.describe() + " rendered an empty " + (title.isBlank() ? "title" : "body")
                    + " for this model");
        }
        return new RenderedMessage(title, body, html, data(type, context));
    }

    // ---------------------------------------------------------------- rendering

    private static String execute(CompiledSet set, String part, Template template, Map<String, Object> context) {
        try {
            return template.execute(context);
        } catch (MustacheException e) {
            throw new IllegalArgumentException(set.describe() + " (" + part + "): " + e.getMessage()
                    + " — see templates/README.md for the model keys", e);
        }
    }

    /** Push and in-app text is one line; "Tom O.." (a short name ending a sentence) loses its double dot. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").replaceAll("(?<!\\.)\\.\\.(?!\\.)", ".").strip();
    }

    private static String tidyText(String text) {
        return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    /** Ids (every top-level {@code …Id}), the action, and what the app needs to open the right screen. */
    private static Map<String, Object> data(NotificationType type, Map<String, Object> context) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type.key());
        boolean batched = Boolean.TRUE.equals(context.get("batched"));
        Object action = context.get("action");
        data.put("action", action instanceof String a && !a.isBlank() ? a : defaultAction(type, batched, context));
        context.forEach((key, value) -> {
            if (key.endsWith("Id") && (value instanceof String || value instanceof Number)) {
                data.put(key, value);
            }
        });
        if (context.get("url") instanceof String url) {
            data.put("url", url);
        }
        if (batched) {
            data.put("count", context.get("count"));
        }
        if (context.get("teeTimes") instanceof List<?> teeTimes) {
            List<String> ids = new ArrayList<>();
            for (Object item : teeTimes) {
                if (item instanceof Map<?, ?> m && m.get("teeTimeId") instanceof String id) {
                    ids.add(id);
                }
            }
            if (!ids.isEmpty()) {
                data.put("teeTimeIds", List.copyOf(ids));
            }
        }
        return data;
    }

    private static String defaultAction(NotificationType type, boolean batched, Map<String, Object> context) {
        return switch (type) {
            case NEW_TEE_TIME -> batched ? "open_feed" : "open_tee_time";
            case SLOT_JOINED, SLOT_LEFT, TEE_TIME_CANCELLED, REMINDER_24H, REMINDER_2H, WAITLIST_AUTO_BOOKED,
                    WAITLIST_OFFER_EXPIRED -> "open_tee_time";
            case WAITLIST_OFFER -> "open_waitlist_offer";
            case NEW_MESSAGE, MISSED_MESSAGES -> "open_chat";
            case WEEKLY_DIGEST -> "open_feed";
            case SYSTEM_ANNOUNCEMENT -> context.get("url") instanceof String ? "open_url" : "open_app";
        };
    }

    /** es-MX → [es-MX, es, en]; ja → [ja, en]. */
    static List<String> languageChain(Locale locale) {
        Set<String> chain = new LinkedHashSet<>();
        String tag = locale.toLanguageTag();
        if (!tag.equals("und")) {
            chain.add(tag);
        }
        if (!locale.getLanguage().isEmpty()) {
            chain.add(locale.getLanguage());
        }
        chain.add(FALLBACK_LANGUAGE);
        return List.copyOf(chain);
    }

    private static String normalizeTag(String tag) {
        return Locale.forLanguageTag(tag).toLanguageTag();
    }

    // ---------------------------------------------------------------- loading

    private void scan(Map<String, Path> labelFiles, Map<String, String> partials,
            Map<NotificationType, Map<Channel, Map<String, Map<String, Path>>>> found) {
        for (NotificationType type : NotificationType.values()) {
            found.put(type, new EnumMap<>(Channel.class));
        }
        for (Path entry : list(directory)) {
            String name = entry.getFileName().toString();
            if (Files.isDirectory(entry)) {
                if (name.equals(PARTIALS)) {
                    for (Path file : list(entry)) {
                        String fileName = file.getFileName().toString();
                        if (!fileName.endsWith(".mustache")) {
                            continue;
                        }
                        Matcher m = PARTIAL.matcher(fileName);
                        if (!m.matches()) {
                            throw new IllegalStateException("Unexpected partial file " + file
                                    + ": expected _partials/<name>.<lang>.<txt|html>.mustache or _partials/<name>.<txt|html>.mustache");
                        }
                        String key = m.group(1) + "." + (m.group(2) == null ? "" : normalizeTag(m.group(2))) + "." + m.group(3);
                        partials.put(key, read(file));
                    }
                    continue;
                }
                if (name.startsWith(".")) {
                    continue;
                }
                NotificationType type = NotificationType.fromKey(name).orElseThrow(() -> new IllegalStateException(
                        "Unexpected template folder " + entry + ": folders are named after notification types "
                                + Stream.of(NotificationType.values()).map(NotificationType::key).toList() + " or " + PARTIALS));
                for (Path file : list(entry)) {
                    String fileName = file.getFileName().toString();
                    if (!fileName.endsWith(".mustache")) {
                        continue;
                    }
                    Matcher single = PUSH_OR_IN_APP.matcher(fileName);
                    Matcher email = EMAIL.matcher(fileName);
                    if (single.matches()) {
                        Channel channel = single.group(1).equals("push") ? Channel.PUSH : Channel.IN_APP;
                        add(found, type, channel, normalizeTag(single.group(2)), "message", file);
                    } else if (email.matches()) {
                        add(found, type, Channel.EMAIL, normalizeTag(email.group(1)), email.group(2), file);
                    } else {
                        throw new IllegalStateException("Unexpected template file " + file + ": expected "
                                + "<push|in_app>.<lang>.mustache or email.<lang>.<subject|txt|html>.mustache");
                    }
                }
            } else {
                Matcher labels = LABELS.matcher(name);
                if (labels.matches()) {
                    labelFiles.put(normalizeTag(labels.group(1)), entry);
                }
            }
        }
    }

    private static void add(Map<NotificationType, Map<Channel, Map<String, Map<String, Path>>>> found,
            NotificationType type, Channel channel, String lang, String part, Path file) {
        Path previous = found.get(type).computeIfAbsent(channel, c -> new TreeMap<>())
                .computeIfAbsent(lang, l -> new HashMap<>()).put(part, file);
        if (previous != null) {
            throw new IllegalStateException("Two template files for the same language: " + previous + " and " + file);
        }
    }

    private void requireRuleTemplates(Map<NotificationType, Map<Channel, Map<String, Map<String, Path>>>> found) {
        for (Map.Entry<NotificationType, Set<Channel>> rule : RuleChannels.all().entrySet()) {
            NotificationType type = rule.getKey();
            for (Channel channel : rule.getValue()) {
                Map<String, Path> english = found.get(type).getOrDefault(channel, Map.of())
                        .getOrDefault(FALLBACK_LANGUAGE, Map.of());
                for (String part : channel == Channel.EMAIL ? EMAIL_PARTS : List.of("message")) {
                    if (!english.containsKey(part)) {
                        Path expected = directory.resolve(type.key()).resolve(fileName(channel, FALLBACK_LANGUAGE, part));
                        throw new MissingTemplateException(expected, "Missing template file " + expected + ": "
                                + type.key() + " is sent over " + channel.key() + " (the notification rules) and English is the fallback");
                    }
                }
            }
        }
    }

    private static String fileName(Channel channel, String lang, String part) {
        return channel == Channel.EMAIL ? "email." + lang + "." + part + ".mustache" : channel.key() + "." + lang + ".mustache";
    }

    private Map<NotificationType, Map<Channel, Map<String, CompiledSet>>> compile(
            Map<NotificationType, Map<Channel, Map<String, Map<String, Path>>>> found, Map<String, String> partials) {
        Mustache.Compiler base = Mustache.compiler().emptyStringIsFalse(true).zeroIsFalse(true).strictSections(false);
        Map<NotificationType, Map<Channel, Map<String, CompiledSet>>> compiled = new EnumMap<>(NotificationType.class);
        found.forEach((type, byChannel) -> {
            Map<Channel, Map<String, CompiledSet>> channels = new EnumMap<>(Channel.class);
            byChannel.forEach((channel, byLanguage) -> {
                Map<String, CompiledSet> languages = new TreeMap<>();
                byLanguage.forEach((lang, parts) -> languages.put(lang, channel == Channel.EMAIL
                        ? compileEmail(base, type, lang, parts, partials)
                        : compileMessage(base, type, channel, lang, parts.get("message"))));
                channels.put(channel, Collections.unmodifiableMap(languages));
            });
            compiled.put(type, Collections.unmodifiableMap(channels));
        });
        return Collections.unmodifiableMap(compiled);
    }

    private CompiledSet compileMessage(Mustache.Compiler base, NotificationType type, Channel channel, String lang, Path file) {
        String text = read(file);
        if (channel == Channel.PUSH) {
            Matcher leak = PRIVATE_REFERENCE.matcher(text);
            if (leak.find()) {
                throw new IllegalStateException("Push template " + file + " uses '" + leak.group(1)
                        + "': a push never contains chat message text");
            }
        }
        String[] lines = text.split("\n", 3);
        if (lines.length < 2 || !lines[0].startsWith("title:") || !lines[1].strip().equals("---")) {
            throw new IllegalStateException("Malformed template " + file
                    + ": the first line must be 'title: …', the second '---', then the body");
        }
        Mustache.Compiler plain = base.escapeHTML(false).withLoader(name -> {
            throw new IllegalStateException("partials are for e-mails only");
        });
        String where = directory.relativize(file).toString();
        Template title = compileText(plain, lines[0].substring("title:".length()).strip(), file);
        Template body = compileText(plain, lines.length > 2 ? lines[2] : "", file);
        return new CompiledSet(lang, where, title, body, null, null, null);
    }

    private CompiledSet compileEmail(Mustache.Compiler base, NotificationType type, String lang, Map<String, Path> parts,
            Map<String, String> partials) {
        for (String part : EMAIL_PARTS) {
            if (!parts.containsKey(part)) {
                Path expected = directory.resolve(type.key()).resolve(fileName(Channel.EMAIL, lang, part));
                throw new MissingTemplateException(expected, "Missing template file " + expected + ": an e-mail in '"
                        + lang + "' needs a subject, a txt and an html template");
            }
        }
        List<String> chain = languageChain(Locale.forLanguageTag(lang));
        Template subject = compileText(base.escapeHTML(false), read(parts.get("subject")), parts.get("subject"));
        Template text = compilePart(base.escapeHTML(false), "txt", chain, parts.get("txt"), partials);
        Template html = compilePart(base.escapeHTML(true), "html", chain, parts.get("html"), partials);
        String where = directory.relativize(parts.get("subject").getParent()).resolve("email." + lang + ".*.mustache").toString();
        return new CompiledSet(lang, where, null, null, subject, text, html);
    }

    /** Compiles a txt or html e-mail body whose {@code {{> name}}} partials resolve in its language chain. */
    private Template compilePart(Mustache.Compiler compiler, String part, List<String> chain, Path file,
            Map<String, String> partials) {
        String text = read(file);
        Matcher ref = PARTIAL_REFERENCE.matcher(text);
        while (ref.find()) {
            if (resolvePartial(ref.group(1), part, chain, partials) == null) {
                Path expected = directory.resolve(PARTIALS).resolve(ref.group(1) + "." + chain.get(0) + "." + part + ".mustache");
                throw new MissingTemplateException(expected, "Missing template file " + expected + " (or "
                        + ref.group(1) + "." + part + ".mustache for every language), used by " + file);
            }
        }
        Mustache.Compiler withPartials = compiler.withLoader(name -> {
            String partial = resolvePartial(name, part, chain, partials);
            if (partial == null) {
                throw new IllegalStateException("no partial " + name + " for " + file);
            }
            return new StringReader(partial);
        });
        return compileText(withPartials, text, file);
    }

    private static String resolvePartial(String name, String part, List<String> chain, Map<String, String> partials) {
        for (String lang : chain) {
            String text = partials.get(name + "." + lang + "." + part);
            if (text != null) {
                return text;
            }
        }
        return partials.get(name + ".." + part);
    }

    private static Template compileText(Mustache.Compiler compiler, String text, Path file) {
        try {
            return compiler.compile(text);
        } catch (MustacheException e) {
            throw new IllegalStateException("Cannot compile template " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** One language's compiled templates for a type and channel: title + body, or subject + txt + html. */
    private record CompiledSet(String language, String source, Template title, Template body, Template subject,
            Template text, Template html) {

        String describe() {
            return "Template " + source;
        }
    }
}
