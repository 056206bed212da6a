package golf.linkup.engine.notifications;

import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.User;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Users in three time zones, built directly, and the lookup the service and dispatcher take. */
public final class NotificationUsers {

    public static final User NEW_YORK = user("u-ny", "Nora York", "nora@example.test", "America/New_York", "en-US");
    public static final User KOLKATA = user("u-in", "Kavya Rao", "kavya@example.test", "Asia/Kolkata", "en-IN");
    public static final User LORD_HOWE = user("u-lh", "Liam Howe", "liam@example.test", "Australia/Lord_Howe", "en-AU");
    /** A New York user with no e-mail address. */
    public static final User NO_EMAIL = user("u-nomail", "Ned Nomail", null, "America/New_York", "en-US");

    private static final Map<String, User> BY_ID = Map.of(NEW_YORK.id(), NEW_YORK, KOLKATA.id(), KOLKATA,
            LORD_HOWE.id(), LORD_HOWE, NO_EMAIL.id(), NO_EMAIL);

    private NotificationUsers() {
    }

    public static User user(String id, String name, String email, String zone, String locale) {
        return new User(id, name, email, "Acme Capital", Industry.FINANCE, "New York", new GeoPoint(40.75, -73.98),
                SkillLevel.INTERMEDIATE, 4.0, 3, ZoneId.of(zone), Locale.forLanguageTag(locale));
    }

    public static Function<String, Optional<User>> lookup() {
        return id -> Optional.ofNullable(BY_ID.get(id));
    }
}
