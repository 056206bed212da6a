package golf.linkup.engine.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.testing.AdjustableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The presence rules: away after 5 minutes idle, offline after 30 minutes disconnected. */
class PresenceRulesTest {

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-05-01T09:00:00Z"));
    private final PresenceRules rules = new PresenceRules(Duration.ofMinutes(5), Duration.ofMinutes(30));

    private UserPresence connected(long lastActive) {
        return new UserPresence("u", 1, lastActive, 0, false, false, null);
    }

    private UserPresence disconnected(long lastSeen) {
        return new UserPresence("u", 0, lastSeen, lastSeen, false, false, null);
    }

    @Test
    void aConnectedUserIsOnlineUntilFiveMinutesIdleThenAway() {
        long active = clock.millis();
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(rules.status(connected(active), clock.millis())).isEqualTo(PresenceStatus.ONLINE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(rules.status(connected(active), clock.millis())).isEqualTo(PresenceStatus.AWAY);
    }

    @Test
    void aDisconnectedUserIsAwayForThirtyMinutesThenOffline() {
        long seen = clock.millis();
        clock.advance(Duration.ofMinutes(29));
        assertThat(rules.status(disconnected(seen), clock.millis())).isEqualTo(PresenceStatus.AWAY);
        clock.advance(Duration.ofMinutes(1));
        assertThat(rules.status(disconnected(seen), clock.millis())).isEqualTo(PresenceStatus.OFFLINE);
    }

    @Test
    void aDeclaredAwayUserIsAwayAndAHiddenOneAlwaysOfflineAndNeverSeenIsOffline() {
        long now = clock.millis();
        assertThat(rules.status(new UserPresence("u", 2, now, 0, true, false, null), now)).isEqualTo(PresenceStatus.AWAY);
        assertThat(rules.status(new UserPresence("u", 2, now, 0, false, true, null), now))
                .isEqualTo(PresenceStatus.OFFLINE);
        assertThat(rules.status(new UserPresence("u", 0, 0, 0, false, false, null), now))
                .isEqualTo(PresenceStatus.OFFLINE);
    }
}
