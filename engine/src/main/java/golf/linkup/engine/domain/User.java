package golf.linkup.engine.domain;

import java.time.ZoneId;
import java.util.Locale;

/**
 * A player. The API server owns users; the engine reads them. {@code rating} is 0..5 (0 = unrated).
 * {@code completedTeeTimes} counts tee times the user hosted that were played (a "new host" has 0).
 */
public record User(
        String id,
        String name,
        String email,
        String company,
        Industry industry,
        String city,
        GeoPoint location,
        SkillLevel skillLevel,
        double rating,
        int completedTeeTimes,
        ZoneId timeZone,
        Locale locale) {
}
