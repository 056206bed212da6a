package golf.linkup.engine.notifications;

import java.time.ZoneId;
import java.util.Locale;

/** Who a notification is for, with what channels need: e-mail address, language, time zone. */
public record Recipient(String userId, String name, String email, Locale locale, ZoneId timeZone) {
}
