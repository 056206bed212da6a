package golf.linkup.engine.matching;

import golf.linkup.engine.domain.Course;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.TeeTime;
import golf.linkup.engine.domain.TeeTimeStatus;
import golf.linkup.engine.domain.User;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A tee time prepared for scoring: course position as a unit vector, normalized course city,
 * industry ordinal, skill rank, start in epoch milliseconds, open slots, the host's social
 * fallback points and the ids of everyone who plays in it (the host included). Immutable; build a
 * new one when the tee time, its players or its host's rating change.
 */
public final class ScoringTeeTime {

    final String id;
    final String hostId;
    final int industry;
    final boolean openToAll;
    final double lat;
    final double lng;
    final double x;
    final double y;
    final double z;
    final String city;
    final int cityHash;
    final String cityDisplay;
    final int skillRank;
    final SkillLevel skillLevel;
    final long startsAtMillis;
    final int openSlots;
    final TeeTimeStatus status;
    /** status OPEN and at least one open slot. */
    final boolean open;
    final double hostRating;
    final int hostCompletedTeeTimes;
    /** SOCIAL points when user and host are not linked: 3 (rating >= 4.5), 2 (new host) or 0. */
    final int socialFallbackPoints;
    /** Host first, then the other players; no duplicates. */
    final String[] players;
    final int[] playerHashes;

    private ScoringTeeTime(TeeTime teeTime, Course course, HostFacts host, Collection<String> playerIds) {
        Objects.requireNonNull(teeTime, "tee time");
        Objects.requireNonNull(course, "course");
        Objects.requireNonNull(host, "host");
        if (!host.id().equals(teeTime.hostId())) {
            throw new IllegalArgumentException("tee time " + teeTime.id() + " is hosted by " + teeTime.hostId()
                    + ", not by " + host.id());
        }
        if (course.location() == null) {
            throw new IllegalArgumentException("course " + course.id() + " has no location");
        }
        this.id = Objects.requireNonNull(teeTime.id(), "tee time id");
        this.hostId = teeTime.hostId();
        this.industry = Objects.requireNonNull(teeTime.industry(), "industry of tee time " + id).ordinal();
        this.openToAll = teeTime.openToAll();
        this.lat = course.location().lat();
        this.lng = course.location().lng();
        this.x = Spherical.unitX(lat, lng);
        this.y = Spherical.unitY(lat, lng);
        this.z = Spherical.unitZ(lat);
        this.cityDisplay = course.city();
        this.city = CityNames.normalize(course.city());
        this.cityHash = city == null ? 0 : city.hashCode();
        this.skillLevel = teeTime.skillLevel() == null ? SkillLevel.ANY : teeTime.skillLevel();
        this.skillRank = skillLevel.rank();
        this.startsAtMillis = Objects.requireNonNull(teeTime.startsAt(), "start of tee time " + id).toEpochMilli();
        this.openSlots = teeTime.openSlots();
        this.status = Objects.requireNonNull(teeTime.status(), "status of tee time " + id);
        this.open = status == TeeTimeStatus.OPEN && openSlots > 0;
        this.hostRating = host.rating();
        this.hostCompletedTeeTimes = host.completedTeeTimes();
        this.socialFallbackPoints = hostRating >= 4.5 ? 3 : hostCompletedTeeTimes == 0 ? 2 : 0;
        Set<String> all = new LinkedHashSet<>();
        all.add(hostId);
        if (playerIds != null) {
            for (String p : playerIds) {
                all.add(Objects.requireNonNull(p, "player id"));
            }
        }
        this.players = all.toArray(new String[0]);
        this.playerHashes = new int[players.length];
        for (int i = 0; i < players.length; i++) {
            playerHashes[i] = players[i].hashCode();
        }
    }

    public static ScoringTeeTime of(TeeTime teeTime, Course course, User host, Collection<String> playerIds) {
        return new ScoringTeeTime(teeTime, course, HostFacts.of(host), playerIds);
    }

    public static ScoringTeeTime of(TeeTime teeTime, Course course, HostFacts host, Collection<String> playerIds) {
        return new ScoringTeeTime(teeTime, course, host, playerIds);
    }

    /** True when the user hosts or plays in this tee time. Allocation-free. */
    boolean hasPlayer(String userId, int userIdHash) {
        String[] p = players;
        int[] h = playerHashes;
        for (int i = 0; i < p.length; i++) {
            if (h[i] == userIdHash && p[i].equals(userId)) {
                return true;
            }
        }
        return false;
    }

    public String id() {
        return id;
    }

    public String hostId() {
        return hostId;
    }

    public Industry industry() {
        return Industry.values()[industry];
    }

    public boolean openToAll() {
        return openToAll;
    }

    public double courseLat() {
        return lat;
    }

    public double courseLng() {
        return lng;
    }

    public String courseCity() {
        return cityDisplay;
    }

    public SkillLevel skillLevel() {
        return skillLevel;
    }

    public Instant startsAt() {
        return Instant.ofEpochMilli(startsAtMillis);
    }

    public long startsAtMillis() {
        return startsAtMillis;
    }

    public int openSlots() {
        return openSlots;
    }

    public TeeTimeStatus status() {
        return status;
    }

    /** OPEN with a free slot (whether it has started is a matter of "now"). */
    public boolean isOpen() {
        return open;
    }

    public double hostRating() {
        return hostRating;
    }

    public int hostCompletedTeeTimes() {
        return hostCompletedTeeTimes;
    }

    /** The host first, then the other players. */
    public List<String> players() {
        return List.of(players);
    }

    @Override
    public String toString() {
        return "ScoringTeeTime[" + id + ", host " + hostId + ", " + industry() + (openToAll ? " (open to all)" : "")
                + ", " + cityDisplay + " (" + lat + ", " + lng + "), " + skillLevel + ", " + startsAt()
                + ", " + openSlots + " open, " + status + ", players " + Arrays.toString(players) + "]";
    }
}
