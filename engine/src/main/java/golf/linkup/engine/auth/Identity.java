package golf.linkup.engine.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Who a verified token speaks for. {@code industry} is an optional claim the API server may add;
 * the gateway uses it when the database does not know the user yet.
 */
public record Identity(String userId, Set<String> roles, Instant expiresAt, Optional<String> industry) {

    public static final String ADMIN_ROLE = "admin";

    public boolean isAdmin() {
        return roles.contains(ADMIN_ROLE);
    }
}
