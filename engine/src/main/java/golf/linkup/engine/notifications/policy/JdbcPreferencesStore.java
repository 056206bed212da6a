package golf.linkup.engine.notifications.policy;

import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.storage.Sql;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link PreferencesStore} on {@code notification_settings} and {@code notification_quiet_hours}. */
public final class JdbcPreferencesStore implements PreferencesStore {

    private final DataSource dataSource;

    public JdbcPreferencesStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<TypeSettings> settings(String userId) {
        Map<NotificationType, TypeSettings> byType = new EnumMap<>(NotificationType.class);
        for (NotificationType t : NotificationType.values()) {
            byType.put(t, TypeSettings.defaults(t));
        }
        Sql.list(dataSource, "read the settings of " + userId, "select notification_type, is_enabled, push_enabled,"
                + " email_enabled from notification_settings where user_id = ?",
                rs -> {
                    boolean enabled = rs.getBoolean(2);
                    boolean push = rs.getBoolean(3);
                    boolean email = rs.getBoolean(4);
                    return NotificationType.fromKey(rs.getString(1)).map(t -> new TypeSettings(t, enabled, push, email));
                }, userId)
                .forEach(stored -> stored.ifPresent(t -> byType.put(t.type(), t)));
        return new ArrayList<>(byType.values());
    }

    @Override
    public TypeSettings settings(String userId, NotificationType type) {
        return settings(userId).stream().filter(s -> s.type() == type).findFirst().orElse(TypeSettings.defaults(type));
    }

    @Override
    public void save(String userId, List<TypeSettings> settings) {
        String what = "save the settings of " + userId;
        Sql.inTransaction(dataSource, what, c -> {
            for (TypeSettings t : settings) {
                Sql.update(c, what, "delete from notification_settings where user_id = ? and notification_type = ?",
                        userId, t.type().key());
                Sql.update(c, what, "insert into notification_settings (user_id, notification_type, is_enabled,"
                        + " push_enabled, email_enabled) values (?, ?, ?, ?, ?)", userId, t.type().key(), t.enabled(),
                        t.push(), t.email());
            }
            return null;
        });
    }

    @Override
    public QuietHours quietHours(String userId, ZoneId defaultZone) {
        return storedQuietHours(userId).orElse(QuietHours.defaultsIn(defaultZone));
    }

    @Override
    public Optional<QuietHours> storedQuietHours(String userId) {
        return Sql.first(dataSource, "read the quiet hours of " + userId,
                "select start_time, end_time, time_zone from notification_quiet_hours where user_id = ?",
                rs -> new QuietHours(LocalTime.parse(rs.getString(1)), LocalTime.parse(rs.getString(2)),
                        ZoneId.of(rs.getString(3))), userId);
    }

    @Override
    public void saveQuietHours(String userId, QuietHours q) {
        String what = "save the quiet hours of " + userId;
        Sql.inTransaction(dataSource, what, c -> {
            Sql.update(c, what, "delete from notification_quiet_hours where user_id = ?", userId);
            Sql.update(c, what, "insert into notification_quiet_hours (user_id, start_time, end_time, time_zone)"
                    + " values (?, ?, ?, ?)", userId, q.start().toString(), q.end().toString(), q.zone().getId());
            return null;
        });
    }
}
