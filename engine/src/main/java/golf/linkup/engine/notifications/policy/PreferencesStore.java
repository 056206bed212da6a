package golf.linkup.engine.notifications.policy;

import golf.linkup.engine.notifications.NotificationType;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Users' notification settings and quiet hours. Absent rows mean the defaults. */
public interface PreferencesStore {

    /** The user's settings for every type, defaults where the user chose nothing. */
    List<TypeSettings> settings(String userId);

    TypeSettings settings(String userId, NotificationType type);

    void save(String userId, List<TypeSettings> settings);

    /** The user's quiet hours, or the default window in {@code defaultZone}. */
    QuietHours quietHours(String userId, ZoneId defaultZone);

    Optional<QuietHours> storedQuietHours(String userId);

    void saveQuietHours(String userId, QuietHours quietHours);
}
