package golf.linkup.intake;

import golf.linkup.redis.RedisConnections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * The event stream in Redis: publishers append ({@code XADD <key> * event <json>}), every instance
 * reads all of it for its own sockets ({@code XREAD}), and the instances share the once-per-cluster
 * work through one consumer group ({@code XREADGROUP}, {@code XACK}, {@code XAUTOCLAIM}).
 *
 * <p>Entry ids are Redis' own ({@code <ms>-<seq>}, assigned at append), so an id also says when the
 * entry arrived: lag is measured from it. Methods that block take a connection of the caller's
 * (a reader's dedicated one); the others borrow a pooled connection.
 */
public final class RedisEventStream {

    /** The field that carries the event's JSON in each entry. */
    public static final String FIELD = "event";

    private final RedisConnections redis;
    private final String key;
    private final String group;
    private final boolean groupFromNewEntries;

    /** A stream whose group, when first created, starts at the beginning of what the stream retains. */
    public RedisEventStream(RedisConnections redis, String key, String group) {
        this(redis, key, group, false);
    }

    /**
     * @param groupFromNewEntries the group, when this creates it, starts after the newest entry
     *                            ({@code $}) instead of at the beginning of the stream: for a reader
     *                            turned on later whose readers do not want the stream's history
     */
    public RedisEventStream(RedisConnections redis, String key, String group, boolean groupFromNewEntries) {
        this.redis = redis;
        this.key = key;
        this.group = group;
        this.groupFromNewEntries = groupFromNewEntries;
    }

    public String key() {
        return key;
    }

    public String group() {
        return group;
    }

    public RedisConnections redis() {
        return redis;
    }

    /** One entry as read: its id, the event's text (empty when the entry has no {@link #FIELD}), how often delivered. */
    public record Entry(String id, Optional<String> event, Map<String, String> fields, long deliveries) {

        /** When Redis appended the entry (the id's first part), in epoch milliseconds. */
        public long appendedAtMillis() {
            return millisOf(id);
        }
    }

    /** Appends one event; returns its entry id. */
    public String append(String eventJson) {
        return redis.withJedis(jedis -> append(jedis, eventJson));
    }

    public String append(Jedis jedis, String eventJson) {
        return jedis.xadd(key, XAddParams.xAddParams(), Map.of(FIELD, eventJson)).toString();
    }

    /**
     * Creates the consumer group if it does not exist yet (and the stream with it). A new group starts
     * at the beginning of what the stream retains (nothing appended before the first engine started
     * is skipped), or after its newest entry when so made. Returns true when this call created it.
     */
    public boolean ensureGroup(Jedis jedis) {
        try {
            jedis.xgroupCreate(key, group, groupFromNewEntries ? StreamEntryID.XGROUP_LAST_ENTRY
                    : new StreamEntryID(0, 0), true);
            return true;
        } catch (JedisDataException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("BUSYGROUP")) {
                return false;
            }
            throw e;
        }
    }

    /** The id of the newest entry, or {@code 0-0} for an empty or missing stream. */
    public String lastId(Jedis jedis) {
        List<StreamEntry> newest = jedis.xrevrange(key, "+", "-", 1);
        return newest.isEmpty() ? "0-0" : newest.get(0).getID().toString();
    }

    /** Entries after {@code afterId}, waiting up to {@code block} for the first one ({@code XREAD}). */
    public List<Entry> readAfter(Jedis jedis, String afterId, int count, Duration block) {
        var result = jedis.xread(XReadParams.xReadParams().count(count).block((int) block.toMillis()),
                Map.of(key, new StreamEntryID(afterId)));
        return entries(result, 1);
    }

    /**
     * The group's next entries for {@code consumer}: {@code ">"} for entries never delivered to
     * anyone, or {@code "0"} for the ones already delivered to this consumer and not acknowledged
     * (what it held when its connection or process died).
     */
    public List<Entry> readGroup(Jedis jedis, String consumer, String from, int count, Duration block) {
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(count);
        if (">".equals(from)) {
            params.block((int) block.toMillis());
        }
        var result = jedis.xreadGroup(group, consumer, params, Map.of(key,
                ">".equals(from) ? StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY : new StreamEntryID(from)));
        List<Entry> entries = entries(result, 1);
        return ">".equals(from) ? entries : withDeliveries(jedis, entries);
    }

    /**
     * Takes over entries other consumers left pending for longer than {@code minIdle} (they
     * crashed, or their processing failed), scanning from {@code cursor}; the result carries each
     * entry's delivery count (this delivery included) and the cursor for the next call ({@code 0-0}
     * when the scan went round).
     */
    public Claimed autoClaim(Jedis jedis, String consumer, Duration minIdle, String cursor, int count) {
        var result = jedis.xautoclaim(key, group, consumer, minIdle.toMillis(), new StreamEntryID(cursor),
                XAutoClaimParams.xAutoClaimParams().count(count));
        List<Entry> claimed = new ArrayList<>();
        for (StreamEntry entry : result.getValue()) {
            if (entry != null) { // a deleted (trimmed) entry comes back as nil
                claimed.add(entry(entry, 1));
            }
        }
        return new Claimed(withDeliveries(jedis, claimed), result.getKey().toString());
    }

    public record Claimed(List<Entry> entries, String nextCursor) {
    }

    /** Acknowledges entries: the group will not deliver them again. */
    public void ack(Jedis jedis, List<String> ids) {
        if (!ids.isEmpty()) {
            jedis.xack(key, group, ids.stream().map(StreamEntryID::new).toArray(StreamEntryID[]::new));
        }
    }

    /** The group's figures now, or empty when the group does not exist (yet). */
    public Optional<GroupState> groupState() {
        return redis.withJedis(jedis -> {
            if (!jedis.exists(key)) {
                return Optional.empty();
            }
            var groups = jedis.xinfoGroups(key);
            var mine = groups.stream().filter(g -> group.equals(g.getName())).findFirst();
            if (mine.isEmpty()) {
                return Optional.empty();
            }
            String lastDelivered = mine.get().getLastDeliveredId().toString();
            var pending = jedis.xpending(key, group);
            String oldestPending = pending.getTotal() > 0 && pending.getMinId() != null
                    ? pending.getMinId().toString() : null;
            // the first entry the group has not read yet: its age is how far behind the group is
            List<StreamEntry> unread = jedis.xrange(key, "(" + lastDelivered, "+", 1);
            String firstUnread = unread.isEmpty() ? null : unread.get(0).getID().toString();
            long length = jedis.xlen(key);
            String newest = lastId(jedis);
            return Optional.of(new GroupState(length, newest, lastDelivered, pending.getTotal(), oldestPending,
                    firstUnread, mine.get().getConsumers()));
        });
    }

    /**
     * The consumer group as Redis sees it.
     *
     * @param oldestPending the oldest entry delivered and not acknowledged, or null
     * @param firstUnread   the oldest entry not delivered to anyone yet, or null
     */
    public record GroupState(long length, String newestId, String lastDeliveredId, long pending, String oldestPending,
            String firstUnread, long consumers) {

        /** Age of the oldest entry the group has not finished (read and acknowledged), 0 when none. */
        public long lagMillis(long nowMillis) {
            long oldest = Long.MAX_VALUE;
            if (oldestPending != null) {
                oldest = Math.min(oldest, millisOf(oldestPending));
            }
            if (firstUnread != null) {
                oldest = Math.min(oldest, millisOf(firstUnread));
            }
            return oldest == Long.MAX_VALUE ? 0 : Math.max(0, nowMillis - oldest);
        }
    }

    /**
     * Trims entries before {@code minId} (approximately: Redis removes whole nodes, so a few older
     * entries may stay) and, as a memory cap, beyond {@code maxLength} entries. Returns how many
     * entries went.
     */
    public long trim(String minId, long maxLength) {
        return redis.withJedis(jedis -> jedis.xtrim(key, XTrimParams.xTrimParams().minId(minId).approximateTrimming())
                + jedis.xtrim(key, XTrimParams.xTrimParams().maxLen(maxLength).approximateTrimming()));
    }

    /** Milliseconds part of an entry id. */
    public static long millisOf(String id) {
        int dash = id.indexOf('-');
        return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
    }

    /** Orders two entry ids as Redis does. */
    public static int compareIds(String a, String b) {
        return new StreamEntryID(a).compareTo(new StreamEntryID(b));
    }

    private List<Entry> withDeliveries(Jedis jedis, List<Entry> entries) {
        if (entries.isEmpty()) {
            return entries;
        }
        // XPENDING over the batch's range: Redis' own delivery counter, which survives restarts
        List<StreamPendingEntry> pending = jedis.xpending(key, group, XPendingParams.xPendingParams(
                entries.get(0).id(), entries.get(entries.size() - 1).id(), entries.size() + 10));
        Map<String, Long> counts = new java.util.HashMap<>();
        pending.forEach(p -> counts.put(p.getID().toString(), p.getDeliveredTimes()));
        List<Entry> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(new Entry(e.id(), e.event(), e.fields(), counts.getOrDefault(e.id(), e.deliveries())));
        }
        return out;
    }

    private static List<Entry> entries(List<Map.Entry<String, List<StreamEntry>>> result, long deliveries) {
        if (result == null || result.isEmpty()) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        for (var stream : result) {
            for (StreamEntry entry : stream.getValue()) {
                out.add(entry(entry, deliveries));
            }
        }
        return out;
    }

    private static Entry entry(StreamEntry entry, long deliveries) {
        Map<String, String> fields = entry.getFields() == null ? Map.of() : entry.getFields();
        return new Entry(entry.getID().toString(), Optional.ofNullable(fields.get(FIELD)), fields, deliveries);
    }
}
