package golf.linkup.engine.notifications.devices;

import golf.linkup.engine.notifications.WebPushSubscriptions;
import golf.linkup.engine.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Device tokens in {@code device_tokens}. A token is unique: registering it again (a phone that
 * changed hands, a re-login) moves it to the new user and reactivates it. Also the push channel's
 * view of the users' Web Push subscriptions.
 */
public final class JdbcDeviceTokenStore implements WebPushSubscriptions {

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcDeviceTokenStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Registers (or re-registers) a token for a user; returns its id. */
    public String register(String userId, String token, String platform, String p256dh, String auth, String deviceInfo) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String id = null;
                try (PreparedStatement ps = c.prepareStatement("select id from device_tokens where device_token = ?")) {
                    ps.setString(1, token);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            id = rs.getString(1);
                        }
                    }
                }
                if (id == null) {
                    id = UUID.randomUUID().toString();
                    try (PreparedStatement ps = c.prepareStatement("insert into device_tokens (id, user_id, device_token,"
                            + " platform, p256dh, auth_secret, device_info, is_active, last_used, created_at, updated_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, true, ?, ?, ?)")) {
                        ps.setString(1, id);
                        ps.setString(2, userId);
                        ps.setString(3, token);
                        ps.setString(4, platform);
                        ps.setString(5, p256dh);
                        ps.setString(6, auth);
                        ps.setString(7, deviceInfo);
                        ps.setObject(8, now);
                        ps.setObject(9, now);
                        ps.setObject(10, now);
                        ps.executeUpdate();
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement("update device_tokens set user_id = ?, platform = ?,"
                            + " p256dh = ?, auth_secret = ?, device_info = ?, is_active = true, last_used = ?,"
                            + " updated_at = ? where id = ?")) {
                        ps.setString(1, userId);
                        ps.setString(2, platform);
                        ps.setString(3, p256dh);
                        ps.setString(4, auth);
                        ps.setString(5, deviceInfo);
                        ps.setObject(6, now);
                        ps.setObject(7, now);
                        ps.setString(8, id);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return id;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot register a device token for " + userId, e);
        }
    }

    /** Deactivates the user's token; false when the user has no such token. */
    public boolean unregister(String userId, String token) {
        return update("update device_tokens set is_active = false, updated_at = ? where device_token = ? and user_id = ?",
                token, userId) == 1;
    }

    @Override
    public List<WebPushSubscription> activeFor(String userId) {
        List<WebPushSubscription> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select device_token, p256dh, auth_secret from device_tokens where user_id = ? and platform = 'web'"
                        + " and is_active = true")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WebPushSubscription(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("cannot read the push subscriptions of " + userId, e);
        }
    }

    @Override
    public void deactivate(String endpoint) {
        update("update device_tokens set is_active = false, updated_at = ? where device_token = ?", endpoint, null);
    }

    public List<DeviceToken> forUser(String userId) {
        List<DeviceToken> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id, user_id, device_token, platform, p256dh, auth_secret, device_info, is_active, last_used"
                        + " from device_tokens where user_id = ? order by created_at")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeviceToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                            rs.getObject(9, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("cannot read the devices of " + userId, e);
        }
    }

    private int update(String sql, String token, String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            ps.setString(2, token);
            if (userId != null) {
                ps.setString(3, userId);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot update a device token", e);
        }
    }
}
