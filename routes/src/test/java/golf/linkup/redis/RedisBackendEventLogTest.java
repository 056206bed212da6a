package golf.linkup.redis;

import static org.assertj.core.api.Assertions.assertThat;

import golf.linkup.e2e.SharedRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamOffset;

/** The backend events log against a real Redis: a batch of openings appends each user once. */
class RedisBackendEventLogTest {

    private final RedisConnections redis = new RedisConnections(SharedRedis.uri());
    private final String stream = "linkup:test:backend:" + UUID.randomUUID();
    private final RedisBackendEventLog log = new RedisBackendEventLog(redis.template(), stream, 10_000,
            Duration.ofDays(1));

    @AfterEach
    void close() {
        redis.template().delete(stream);
        redis.close();
    }

    @Test
    void aBatchOfOpeningsAppendsUserConnectedOnlyForUsersNotOnRecord() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        long now = System.currentTimeMillis();
        assertThat(log.connected("known-" + run, now)).isTrue();

        // more than one script call's worth, one of them already on record
        List<String> users = new ArrayList<>(List.of("known-" + run));
        for (int i = 0; i < 1_200; i++) {
            users.add("u" + i + "-" + run);
        }
        assertThat(log.connectedAll(users, now + 1)).isEqualTo(1_200);
        assertThat(log.connectedAll(users, now + 2)).as("all on record now").isZero();

        List<MapRecord<String, Object, Object>> entries = redis.template().opsForStream()
                .read(org.springframework.data.redis.connection.stream.StreamReadOptions.empty().count(5_000),
                        StreamOffset.fromStart(stream));
        assertThat(entries).hasSize(1_201);
        Map<Object, Object> second = entries.get(1).getValue();
        assertThat(second).containsEntry("type", "user.connected").containsEntry("userId", "u0-" + run)
                .containsKey("at");
        assertThat(entries.stream().map(e -> e.getValue().get("userId")).distinct().count()).isEqualTo(1_201);

        // a disconnection closes the record: the next opening is news again
        assertThat(log.disconnected("u7-" + run, now + 3, "closed")).isTrue();
        assertThat(log.connectedAll(List.of("u7-" + run, "u8-" + run), now + 4)).isEqualTo(1);
    }

    @Test
    void batchesOfDisconnectionsAndStatusesAppendOnlyWhatIsNews() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        long now = System.currentTimeMillis();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            users.add("d" + i + "-" + run);
        }
        log.connectedAll(users, now);
        assertThat(log.presenceChangedAll(users.stream()
                .map(u -> new golf.linkup.engine.backendevents.BackendEventLog.StatusChange(u, "online", 0)).toList(),
                now)).isEqualTo(700);

        // 699 leave (one never connected in the batch: not news), then all are announced away
        List<golf.linkup.engine.backendevents.BackendEventLog.Disconnection> gone = new ArrayList<>();
        for (int i = 0; i < 699; i++) {
            gone.add(new golf.linkup.engine.backendevents.BackendEventLog.Disconnection(users.get(i), now + 1_000,
                    "closed"));
        }
        gone.add(new golf.linkup.engine.backendevents.BackendEventLog.Disconnection("never-" + run, now, "closed"));
        assertThat(log.disconnectedAll(gone)).isEqualTo(699);
        assertThat(log.disconnectedAll(gone)).as("records closed already").isZero();
        List<golf.linkup.engine.backendevents.BackendEventLog.StatusChange> away = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            away.add(new golf.linkup.engine.backendevents.BackendEventLog.StatusChange(users.get(i),
                    i < 699 ? "away" : "online", i < 699 ? now + 1_000 : 0));
        }
        assertThat(log.presenceChangedAll(away, now + 2_000)).as("the last one's status did not change").isEqualTo(699);

        List<MapRecord<String, Object, Object>> entries = redis.template().opsForStream()
                .read(org.springframework.data.redis.connection.stream.StreamReadOptions.empty().count(10_000),
                        StreamOffset.fromStart(stream));
        Map<Object, Object> firstGone = entries.stream().map(MapRecord::getValue)
                .filter(e -> "user.disconnected".equals(e.get("type"))).findFirst().orElseThrow();
        assertThat(firstGone).containsEntry("userId", "d0-" + run).containsEntry("reason", "closed")
                .containsEntry("connectedAtMs", Long.toString(now)).containsEntry("durationMs", "1000");
        Map<Object, Object> firstAway = entries.stream().map(MapRecord::getValue)
                .filter(e -> "away".equals(e.get("status"))).findFirst().orElseThrow();
        assertThat(firstAway).containsEntry("type", "presence.changed").containsEntry("userId", "d0-" + run)
                .containsEntry("lastSeen", java.time.Instant.ofEpochMilli(now + 1_000).toString());
        assertThat(entries).hasSize(700 + 700 + 699 + 699);
    }
}
