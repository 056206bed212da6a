package golf.linkup.engine.matching;

import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;
import golf.linkup.engine.domain.SkillLevel;
import golf.linkup.engine.domain.User;

import java.util.Objects;

/**
 * A user prepared for scoring: industry ordinal, position as a unit vector, normalized city and
 * skill rank, so that {@link Scorer#score} reads primitive fields only. Immutable; build a new one
 * when the user changes.
 *
 * <p>A user without a location has {@code located() == false}: PROXIMITY gives 2 points
 * ("location unknown") and the user is never a recipient of a new tee time (no distance to test).
 * A user whose skill level is {@code ANY} or missing counts as "level not set" (12 SKILL points,
 * as for a tee time open to any level).
 */
public final class ScoringUser {

    final String id;
    final int idHash;
    final int industry;
    final boolean located;
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

    private ScoringUser(String id, Industry industry, String city, GeoPoint location, SkillLevel skill) {
        this.id = Objects.requireNonNull(id, "user id");
        this.idHash = id.hashCode();
        this.industry = Objects.requireNonNull(industry, "industry of user " + id).ordinal();
        this.located = location != null;
        this.lat = located ? location.lat() : Double.NaN;
        this.lng = located ? location.lng() : Double.NaN;
        this.x = located ? Spherical.unitX(lat, lng) : Double.NaN;
        this.y = located ? Spherical.unitY(lat, lng) : Double.NaN;
        this.z = located ? Spherical.unitZ(lat) : Double.NaN;
        this.cityDisplay = city;
        this.city = CityNames.normalize(city);
        this.cityHash = this.city == null ? 0 : this.city.hashCode();
        this.skillLevel = skill == null ? SkillLevel.ANY : skill;
        this.skillRank = this.skillLevel.rank();
    }

    public static ScoringUser of(User user) {
        return new ScoringUser(user.id(), user.industry(), user.city(), user.location(), user.skillLevel());
    }

    public static ScoringUser of(String id, Industry industry, String city, GeoPoint location, SkillLevel skill) {
        return new ScoringUser(id, industry, city, location, skill);
    }

    public String id() {
        return id;
    }

    public Industry industry() {
        return Industry.values()[industry];
    }

    public boolean located() {
        return located;
    }

    /** The position, or {@code null} when unknown. */
    public GeoPoint location() {
        return located ? new GeoPoint(lat, lng) : null;
    }

    public String city() {
        return cityDisplay;
    }

    public SkillLevel skillLevel() {
        return skillLevel;
    }

    @Override
    public String toString() {
        return "ScoringUser[" + id + ", " + industry() + ", " + cityDisplay
                + (located ? " (" + lat + ", " + lng + ")" : " (no location)") + ", " + skillLevel + "]";
    }
}
