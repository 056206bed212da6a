package golf.linkup.engine.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link PresenceStore} does; each implementation's test extends this. */
public abstract class PresenceStoreContract {

    /** Fresh ids per test: implementations may share a server between tests. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    protected abstract PresenceStore store();

    private String id(String name) {
        return name + "-" + run;
    }

    private UserPresence read(PresenceStore s, String user, long aliveSince) {
        return s.read(List.of(user), aliveSince).get(user);
    }

    @Test
    void aConnectionCountsOnlyWhileItsInstanceHeartbeatIsFresh() {
        PresenceStore s = store();
        String ann = id("ann");
        String a = id("instance-a");
        s.heartbeat(a, 1_000);
        s.addConnection(ann, a, "c1", 1_000);

        UserPresence p = read(s, ann, 500);
        assertThat(p.liveConnections()).isEqualTo(1);
        assertThat(p.lastActive()).isEqualTo(1_000);
        assertThat(read(s, ann, 1_001).liveConnections()).as("heartbeat older than allowed").isZero();
    }

    @Test
    void closingTheLastConnectionRecordsWhenTheUserWasLastSeen() {
        PresenceStore s = store();
        String bob = id("bob");
        String a = id("instance-a");
        s.heartbeat(a, 1_000);
        s.addConnection(bob, a, "c1", 1_000);
        s.addConnection(bob, a, "c2", 1_100);
        s.removeConnection(bob, a, "c1", 2_000);
        assertThat(read(s, bob, 0).lastSeen()).isZero();

        s.removeConnection(bob, a, "c2", 3_000);

        UserPresence p = read(s, bob, 0);
        assertThat(p.liveConnections()).isZero();
        assertThat(p.lastSeen()).isEqualTo(3_000);
        assertThat(s.claimLongDisconnected(3_001, 10)).contains(bob);
        assertThat(s.claimLongDisconnected(3_001, 10)).as("claimed once").doesNotContain(bob);
    }

    @Test
    void connectionsOpenedAndClosedInOneBatchAreRecordedAsOneByOne() {
        PresenceStore s = store();
        String cy = id("cy");
        String di = id("di");
        String a = id("instance-a");
        s.heartbeat(a, 1_000);
        s.addConnections(a, List.of(new PresenceStore.ConnectionChange(cy, "c1", 1_000),
                new PresenceStore.ConnectionChange(cy, "c2", 1_010), new PresenceStore.ConnectionChange(di, "c3", 1_020)),
                java.util.Set.of(di));

        assertThat(read(s, cy, 0).liveConnections()).isEqualTo(2);
        assertThat(read(s, cy, 0).lastActive()).isEqualTo(1_010);
        assertThat(read(s, cy, 0).hidden()).isFalse();
        assertThat(read(s, di, 0).hidden()).as("the privacy setting comes with the batch").isTrue();

        s.removeConnections(a, List.of(new PresenceStore.ConnectionChange(cy, "c1", 2_000),
                new PresenceStore.ConnectionChange(di, "c3", 2_100)));

        assertThat(read(s, cy, 0).liveConnections()).isEqualTo(1);
        assertThat(read(s, cy, 0).lastSeen()).as("still connected").isZero();
        assertThat(read(s, di, 0).lastSeen()).isEqualTo(2_100);
        assertThat(s.removeInstance(a, 3_000)).containsExactly(cy);
    }

    @Test
    void announceAllRecordsOnlyTheAnnouncementsWhoseExpectationHolds() {
        PresenceStore s = store();
        String ed = id("ed");
        String flo = id("flo");
        s.announce(flo, null, "online");

        var won = s.announceAll(List.of(new PresenceStore.Announcement(ed, null, "online"),
                new PresenceStore.Announcement(flo, null, "away")));

        assertThat(won).containsExactly(ed);
        assertThat(read(s, ed, 0).published()).isEqualTo("online");
        assertThat(read(s, flo, 0).published()).as("another instance announced first").isEqualTo("online");
    }

    @Test
    void aDeadInstanceIsReapedOnceAndItsUsersAreLastSeenAtItsLastHeartbeat() {
        PresenceStore s = store();
        String cy = id("cy");
        String dee = id("dee");
        String dead = id("dead");
        String alive = id("alive");
        s.heartbeat(dead, 5_000);
        s.heartbeat(alive, 9_000);
        s.addConnection(cy, dead, "c1", 5_000);
        s.addConnection(dee, dead, "c2", 5_000);
        s.addConnection(dee, alive, "c3", 8_000);

        List<String> reaped = s.reapDeadInstances(7_000);

        assertThat(reaped).contains(cy, dee);
        assertThat(s.reapDeadInstances(7_000)).doesNotContain(cy, dee);
        assertThat(read(s, cy, 0).liveConnections()).isZero();
        assertThat(read(s, cy, 0).lastSeen()).isEqualTo(5_000);
        assertThat(read(s, dee, 0).liveConnections()).as("still on the live instance").isEqualTo(1);
    }

    @Test
    void anAnnouncementIsACompareAndSet() {
        PresenceStore s = store();
        String eve = id("eve");
        assertThat(s.announce(eve, null, "online")).isTrue();
        assertThat(s.announce(eve, null, "away")).as("another instance announced first").isFalse();
        assertThat(s.announce(eve, "online", "away@5000")).isTrue();
        assertThat(read(s, eve, 0).published()).isEqualTo("away@5000");
    }

    @Test
    void declarationsAndPrivacyAreStored() {
        PresenceStore s = store();
        String fay = id("fay");
        s.declare(fay, true, 1_000);
        s.setHidden(fay, true);
        UserPresence p = read(s, fay, 0);
        assertThat(p.declaredAway()).isTrue();
        assertThat(p.hidden()).isTrue();
        s.declare(fay, false, 2_000);
        assertThat(read(s, fay, 0).declaredAway()).isFalse();
        assertThat(read(s, fay, 0).lastActive()).isEqualTo(2_000);
        assertThat(read(s, id("nobody"), 0)).isEqualTo(new UserPresence(id("nobody"), 0, 0, 0, false, false, null));
    }
}
