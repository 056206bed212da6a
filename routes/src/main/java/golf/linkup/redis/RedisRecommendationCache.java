package golf.linkup.redis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import golf.linkup.engine.json.Json;
import golf.linkup.engine.matching.Recommendation;
import golf.linkup.engine.matching.RecommendationCache;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link RecommendationCache} on Redis, shared by every engine instance using the same Redis and
 * key prefix (default {@code linkup:reco:}).
 *
 * <p>Keys:
 * <ul>
 * <li>{@code {prefix}user:{userId}}: the user's entry, one string
 *     {@code [putAtMillis,"teeTimeId",score,"teeTimeId",score,...]} (a JSON array, so any tee time
 *     id round-trips, {@code ':'}, {@code ','} and quotes included), with PX = the TTL.</li>
 * <li>{@code {prefix}listing:{teeTimeId}}: a set of the user ids whose entry lists the tee time,
 *     its PX set to the TTL on every put that lists it, so it outlives every entry it indexes.</li>
 * </ul>
 *
 * <p>Atomicity: {@code put} (write the entry, add the user to its tee times' sets, remove it from
 * the sets of tee times only its previous entry listed) and {@code invalidateListing} (read the
 * set, delete the members' entries that still list the tee time, delete the set) are each one Lua
 * script, so Redis runs them one after the other, never interleaved: an entry listing a tee time
 * is always in that tee time's set. The set may also hold stale members (users whose entry was
 * removed by {@code invalidateUsers} or Redis expiry, then put again without the tee time);
 * {@code invalidateListing} checks each member's current entry before deleting it, so they are
 * harmless, and it removes them with the set.
 *
 * <p>Freshness: the entry carries its put time on the injected clock and {@code get} serves it
 * only while {@code now < putAt + ttl} on that clock. The Redis PX (real time) only reclaims
 * memory: it can drop an entry sooner than the clock says, never serve it later.
 *
 * <p>The scripts touch keys they derive from the data (the sets' members, the previous list), so
 * this needs a standalone (or Sentinel-managed) Redis, not Redis Cluster.
 */
public final class RedisRecommendationCache implements RecommendationCache {

    public static final String DEFAULT_KEY_PREFIX = "linkup:reco:";

    /** Users deleted per DEL by {@link #invalidateUsers}: bounds how long one command blocks Redis. */
    static final int DELETE_BATCH = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(RedisRecommendationCache.class);

    /*
     * KEYS[1] the entry; KEYS[2..] the sets of the new list's tee times (distinct).
     * ARGV[1] the entry's value, ARGV[2] PX, ARGV[3] the user id, ARGV[4] the listing key prefix.
     * Returns how many tee times the new entry lists.
     */
    private static final RedisScript<Long> PUT = new DefaultRedisScript<>("""
            local old = redis.call('GET', KEYS[1])
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            local listed = {}
            for i = 2, #KEYS do
              listed[KEYS[i]] = true
              redis.call('SADD', KEYS[i], ARGV[3])
              redis.call('PEXPIRE', KEYS[i], ARGV[2])
            end
            if old then
              local ok, entry = pcall(cjson.decode, old)
              if ok and type(entry) == 'table' then
                for i = 2, #entry, 2 do
                  local key = ARGV[4] .. tostring(entry[i])
                  if not listed[key] then
                    redis.call('SREM', key, ARGV[3])
                  end
                end
              end
            end
            return #KEYS - 1
            """, Long.class);

    /*
     * KEYS[1] the tee time's set. ARGV[1] the tee time id, ARGV[2] the entry key prefix.
     * Deletes the members' entries that list the tee time (or cannot be read), then the set.
     * Returns how many entries it deleted.
     */
    private static final RedisScript<Long> INVALIDATE_LISTING = new DefaultRedisScript<>("""
            local removed = 0
            for _, user in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              local key = ARGV[2] .. user
              local value = redis.call('GET', key)
              if value then
                local ok, entry = pcall(cjson.decode, value)
                local lists = not ok or type(entry) ~= 'table'
                if not lists then
                  for i = 2, #entry, 2 do
                    if entry[i] == ARGV[1] then
                      lists = true
                      break
                    end
                  end
                end
                if lists then
                  redis.call('DEL', key)
                  removed = removed + 1
                end
              end
            end
            redis.call('DEL', KEYS[1])
            return removed
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Clock clock;
    private final long ttlMillis;
    private final String userPrefix;
    private final String listingPrefix;

    public RedisRecommendationCache(StringRedisTemplate redis, Clock clock, Duration ttl) {
        this(redis, clock, ttl, DEFAULT_KEY_PREFIX);
    }

    public RedisRecommendationCache(StringRedisTemplate redis, Clock clock, Duration ttl, String keyPrefix) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least 1 ms, got " + ttl);
        }
        this.ttlMillis = ttl.toMillis();
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.userPrefix = keyPrefix + "user:";
        this.listingPrefix = keyPrefix + "listing:";
    }

    /** The key of a user's entry. */
    public String userKey(String userId) {
        return userPrefix + userId;
    }

    /** The key of the set of users whose entry lists the tee time. */
    public String listingKey(String teeTimeId) {
        return listingPrefix + teeTimeId;
    }

    @Override
    public Optional<List<Recommendation>> get(String userId) {
        Objects.requireNonNull(userId, "userId");
        String value = redis.opsForValue().get(userKey(userId));
        if (value == null) {
            return Optional.empty();
        }
        Entry entry;
        try {
            entry = decode(value);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Unreadable cached recommendations under {}, treated as a miss: {}", userKey(userId), e.toString());
            return Optional.empty();
        }
        if (clock.millis() >= entry.putAtMillis + ttlMillis) {
            return Optional.empty(); // Redis drops it by PX; deleting here could race a newer put
        }
        return Optional.of(entry.list);
    }

    @Override
    public void put(String userId, List<Recommendation> recommendations) {
        Objects.requireNonNull(userId, "userId");
        List<Recommendation> list = List.copyOf(recommendations);
        Set<String> teeTimes = new LinkedHashSet<>();
        for (Recommendation r : list) {
            teeTimes.add(r.teeTimeId());
        }
        List<String> keys = new ArrayList<>(1 + teeTimes.size());
        keys.add(userKey(userId));
        for (String teeTimeId : teeTimes) {
            keys.add(listingKey(teeTimeId));
        }
        redis.execute(PUT, keys, encode(clock.millis(), list), Long.toString(ttlMillis), userId, listingPrefix);
    }

    /**
     * Deletes the users' entries, {@value #DELETE_BATCH} per DEL: each user's removal is atomic
     * with respect to that user's puts, but a very large invalidation is not one atomic step.
     */
    @Override
    public void invalidateUsers(Collection<String> userIds) {
        List<String> batch = new ArrayList<>(Math.min(userIds.size(), DELETE_BATCH));
        for (String userId : userIds) {
            batch.add(userKey(Objects.requireNonNull(userId, "userId")));
            if (batch.size() == DELETE_BATCH) {
                redis.delete(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            redis.delete(batch);
        }
    }

    @Override
    public void invalidateListing(String teeTimeId) {
        Objects.requireNonNull(teeTimeId, "teeTimeId");
        redis.execute(INVALIDATE_LISTING, List.of(listingKey(teeTimeId)), teeTimeId, userPrefix);
    }

    private record Entry(long putAtMillis, List<Recommendation> list) {
    }

    static String encode(long putAtMillis, List<Recommendation> list) {
        StringWriter out = new StringWriter(16 + 24 * list.size());
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartArray();
            json.writeNumber(putAtMillis);
            for (Recommendation r : list) {
                json.writeString(r.teeTimeId());
                json.writeNumber(r.score());
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static Entry decode(String value) throws IOException {
        JsonNode array = Json.MAPPER.readTree(value);
        if (array == null || !array.isArray() || array.size() % 2 != 1
                || !array.get(0).isIntegralNumber() || !array.get(0).canConvertToLong()) {
            throw new IllegalArgumentException("not [putAtMillis, id, score, ...]");
        }
        List<Recommendation> list = new ArrayList<>(array.size() / 2);
        for (int i = 1; i < array.size(); i += 2) {
            JsonNode id = array.get(i);
            JsonNode score = array.get(i + 1);
            if (!id.isTextual() || !score.isIntegralNumber() || !score.canConvertToInt()) {
                throw new IllegalArgumentException("bad pair at " + i);
            }
            list.add(new Recommendation(id.textValue(), score.intValue()));
        }
        return new Entry(array.get(0).longValue(), List.copyOf(list));
    }
}
