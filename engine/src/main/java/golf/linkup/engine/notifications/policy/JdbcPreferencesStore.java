package golf.linkup.engine.notifications.policy;

import golf.linkup.engine.notifications.NotificationType;
import golf.linkup.engine.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select notification_type, is_enabled, push_enabled, email_enabled from notification_settings"
                        + " where user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    NotificationType.fromKey(rs.getString(1)).ifPresent(t -> {
                        try {
                            byType.put(t, new TypeSettings(t, rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)));
                        } catch (SQLException e) {
                            throw new StorageException("bad settings row", e);
                        }
                    });
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the settings of " + userId, e);
        }
        return new ArrayList<>(byType.values());
    }

    @Override
    public TypeSettings settings(String userId, NotificationType type) {
        return settings(userId).stream().filter(s -> s.type() == type).findFirst().orElse(TypeSettings.defaults(type));
    }

    @Override
    public void save(String userId, List<TypeSettings> settings) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement(
                    "delete from notification_settings where user_id = ? and notification_type = ?");
                    PreparedStatement insert = c.prepareStatement("insert into notification_settings (user_id,"
                            + " notification_type, is_enabled, push_enabled, email_enabled) values (?, ?, ?, ?, ?)")) {
                for (TypeSettings s : settings) {
                    delete.setString(1, userId);
                    delete.setString(2, s.type().key());
                    delete.executeUpdate();
                    insert.setString(1, userId);
                    insert.setString(2, s.type().key());
                    insert.setBoolean(3, s.enabled());
                    insert.setBoolean(4, s.push());
                    insert.setBoolean(5, s.email());
                    insert.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot save the settings of " + userId, e);
        }
    }

    @Override
    public QuietHours quietHours(String userId, ZoneId defaultZone) {
        return storedQuietHours(userId).orElse(QuietHours.defaultsIn(defaultZone));
    }

    @Override
    public Optional<QuietHours> storedQuietHours(String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select start_time, end_time, time_zone from notification_quiet_hours where user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new QuietHours(LocalTime.parse(rs.getString(1)),
                        LocalTime.parse(rs.getString(2)), ZoneId.of(rs.getString(3)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the quiet hours of " + userId, e);
        }
    }

    @Override
    public void saveQuietHours(String userId, QuietHours q) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("delete from notification_quiet_hours where user_id = ?");
                    PreparedStatement insert = c.prepareStatement("insert into notification_quiet_hours (user_id,"
                            + " start_time, end_time, time_zone) values (?, ?, ?, ?)")) {
                delete.setString(1, userId);
                delete.executeUpdate();
                insert.setString(1, userId);
                insert.setString(2, q.start().toString());
                insert.setString(3, q.end().toString());
                insert.setString(4, q.zone().getId());
                insert.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot save the quiet hours of " + userId, e);
        }
    }
}
