package golf.linkup.engine.notifications.devices;

import golf.linkup.engine.notifications.WebPushSubscriptions;
import golf.linkup.engine.storage.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Device tokens in {@code device_tokens}. A token is unique: registering it again (a phone that
 * changed hands, a re-login) moves it to the new user and reactivates it. Also the push channel's
 * view of the users' Web Push subscriptions.
 */
public final class JdbcDeviceTokenStore implements WebPushSubscriptions {

    private static final String UPDATE = "update a device token";

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcDeviceTokenStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Registers (or re-registers) a token for a user; returns its id. */
    public String register(String userId, String token, String platform, String p256dh, String auth, String deviceInfo) {
        Instant now = clock.instant();
        String what = "register a device token for " + userId;
        return Sql.inTransaction(dataSource, what, c -> {
            Optional<String> known = Sql.first(c, what, "select id from device_tokens where device_token = ?",
                    rs -> rs.getString(1), token);
            if (known.isEmpty()) {
                String id = UUID.randomUUID().toString();
                Sql.update(c, what, "insert into device_tokens (id, user_id, device_token, platform, p256dh, auth_secret,"
                        + " device_info, is_active, last_used, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, true, ?, ?, ?)", id, userId, token, platform, p256dh, auth,
                        deviceInfo, now, now, now);
                return id;
            }
            Sql.update(c, what, "update device_tokens set user_id = ?, platform = ?, p256dh = ?, auth_secret = ?,"
                    + " device_info = ?, is_active = true, last_used = ?, updated_at = ? where id = ?", userId, platform,
                    p256dh, auth, deviceInfo, now, now, known.get());
            return known.get();
        });
    }

    /** Deactivates the user's token; false when the user has no such token. */
    public boolean unregister(String userId, String token) {
        return Sql.update(dataSource, UPDATE, "update device_tokens set is_active = false, updated_at = ?"
                + " where device_token = ? and user_id = ?", clock.instant(), token, userId) == 1;
    }

    @Override
    public List<WebPushSubscription> activeFor(String userId) {
        return Sql.list(dataSource, "read the push subscriptions of " + userId,
                "select device_token, p256dh, auth_secret from device_tokens where user_id = ? and platform = 'web'"
                        + " and is_active = true",
                rs -> new WebPushSubscription(rs.getString(1), rs.getString(2), rs.getString(3)), userId);
    }

    @Override
    public void deactivate(String endpoint) {
        Sql.update(dataSource, UPDATE, "update device_tokens set is_active = false, updated_at = ? where device_token = ?",
                clock.instant(), endpoint);
    }

    public List<DeviceToken> forUser(String userId) {
        return Sql.list(dataSource, "read the devices of " + userId,
                "select id, user_id, device_token, platform, p256dh, auth_secret, device_info, is_active, last_used"
                        + " from device_tokens where user_id = ? order by created_at",
                rs -> new DeviceToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), Sql.instant(rs, 9)),
                userId);
    }
}
