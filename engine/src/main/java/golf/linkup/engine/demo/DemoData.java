package golf.linkup.engine.demo;

import golf.linkup.engine.storage.Sql;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The rows the demo page shows, read (and, for chat and cancelling, written) the way the API server
 * would: sample players, a player's upcoming tee times with their players, any tee time's details,
 * a tee time's recent chat. Sandbox only.
 */
final class DemoData {

    private final DataSource db;

    DemoData(DataSource db) {
        this.db = db;
    }

    record Person(String id, String name, String company, String industry) {
    }

    /** Players who have a slot in an open tee time with at least one other player: good demo users. */
    List<Person> samplePlayers(int limit) {
        String sql = "select u.id, u.name, u.company, u.industry from users u where exists ("
                + " select 1 from tee_time_slots s join tee_times t on t.id = s.tee_time_id"
                + " where s.user_id = u.id and t.status = 'OPEN'"
                + " and (select count(*) from tee_time_slots o where o.tee_time_id = t.id) >= 2)"
                + " order by u.id fetch first ? rows only";
        return query(sql, rs -> new Person(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), limit);
    }

    Optional<Person> person(String userId) {
        return query("select id, name, company, industry from users where id = ?",
                rs -> new Person(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), userId)
                .stream().findFirst();
    }

    /** The user's tee times (host or player) starting after {@code from}, soonest first, with their players. */
    List<Map<String, Object>> teeTimesOf(String userId, Instant from, int limit) {
        List<Map<String, Object>> teeTimes = teeTimes("(t.host_id = ? or exists (select 1 from tee_time_slots s"
                + " where s.tee_time_id = t.id and s.user_id = ?)) and t.starts_at >= ? order by t.starts_at, t.id"
                + " fetch first ? rows only", userId, userId, from, limit);
        teeTimes.forEach(t -> t.put("role", userId.equals(t.get("hostId")) ? "host" : "player"));
        return teeTimes;
    }

    /**
     * The tee times of {@code ids} that exist, in the order asked, with their players, whoever asks:
     * what the API server shows anyone who opens a tee time (the page's cards and read-only view).
     */
    List<Map<String, Object>> teeTimes(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> found = teeTimes("t.id in (" + String.join(", ", Collections.nCopies(ids.size(), "?"))
                + ")", ids.toArray());
        found.sort(Comparator.comparingInt(t -> ids.indexOf((String) t.get("id"))));
        return found;
    }

    /** Tee times matching {@code where} (on {@code t}, the tee time, and {@code c}, its course), with players. */
    private List<Map<String, Object>> teeTimes(String where, Object... args) {
        String sql = "select t.id, t.starts_at, t.industry, t.open_to_all, t.total_slots, t.status, t.host_id,"
                + " c.name, c.city, c.time_zone, t.skill_level, h.name, h.company from tee_times t"
                + " join courses c on c.id = t.course_id left join users h on h.id = t.host_id where " + where;
        List<Map<String, Object>> teeTimes = query(sql, rs -> {
            Map<String, Object> t = new LinkedHashMap<>();
            Instant startsAt = Sql.instant(rs, 2);
            ZoneId zone = ZoneId.of(rs.getString(10));
            t.put("id", rs.getString(1));
            t.put("startsAt", startsAt.toString());
            t.put("localStartsAt", startsAt.atZone(zone).toOffsetDateTime().toString());
            t.put("timeZone", zone.getId());
            t.put("industry", rs.getString(3));
            t.put("openToAll", rs.getBoolean(4));
            t.put("skillLevel", rs.getString(11));
            t.put("totalSlots", rs.getInt(5));
            t.put("status", rs.getString(6));
            t.put("hostId", rs.getString(7));
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("id", rs.getString(7));
            host.put("name", rs.getString(12));
            host.put("company", rs.getString(13));
            t.put("host", host);
            t.put("course", Map.of("name", rs.getString(8), "city", rs.getString(9)));
            return t;
        }, args);
        for (Map<String, Object> t : teeTimes) {
            List<Map<String, Object>> players = query("select s.slot_number, u.id, u.name, u.company from tee_time_slots s"
                    + " join users u on u.id = s.user_id where s.tee_time_id = ? order by s.slot_number", rs -> {
                        Map<String, Object> p = new LinkedHashMap<>();
                        p.put("slotNumber", rs.getInt(1));
                        p.put("id", rs.getString(2));
                        p.put("name", rs.getString(3));
                        p.put("company", rs.getString(4));
                        return p;
                    }, t.get("id"));
            t.put("players", players);
            t.put("openSlots", Math.max(0, (int) t.get("totalSlots") - players.size()));
        }
        return teeTimes;
    }

    /**
     * Marks an open or full tee time CANCELLED (its players stay, so they can be told). False when
     * it was cancelled already or has started.
     */
    boolean cancel(String teeTimeId, Instant now) {
        return Sql.update(db, "cancel tee time " + teeTimeId, "update tee_times set status = 'CANCELLED', updated_at = ?"
                + " where id = ? and status <> 'CANCELLED' and starts_at > ?", now, teeTimeId, now) == 1;
    }

    /** The last {@code limit} chat messages of a tee time, oldest first. */
    List<Map<String, Object>> messages(String teeTimeId, int limit) {
        List<Map<String, Object>> newestFirst = query("select m.id, m.sender_id, m.body, m.sent_at, u.name, u.company"
                + " from messages m left join users u on u.id = m.sender_id where m.tee_time_id = ?"
                + " order by m.sent_at desc, m.id desc fetch first ? rows only", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getString(1));
                    m.put("teeTimeId", teeTimeId);
                    m.put("senderId", rs.getString(2));
                    m.put("body", rs.getString(3));
                    m.put("sentAt", Sql.instant(rs, 4).toString());
                    Map<String, Object> sender = new LinkedHashMap<>();
                    sender.put("id", rs.getString(2));
                    if (rs.getString(5) != null) {
                        sender.put("name", rs.getString(5));
                    }
                    if (rs.getString(6) != null) {
                        sender.put("company", rs.getString(6));
                    }
                    m.put("sender", sender);
                    return m;
                }, teeTimeId, limit);
        List<Map<String, Object>> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    void insertMessage(String id, String teeTimeId, String senderId, String body, Instant sentAt) {
        Sql.update(db, "store a chat message of tee time " + teeTimeId,
                "insert into messages (id, tee_time_id, sender_id, body, sent_at) values (?, ?, ?, ?, ?)", id,
                teeTimeId, senderId, body, sentAt);
    }

    /** Open tee times after {@code from} that a user of {@code industry} sees in their feed. */
    List<String> upcomingFor(String industry, Instant from, int limit) {
        return query("select id from tee_times where status = 'OPEN' and starts_at >= ? and (industry = ? or open_to_all)"
                + " order by starts_at, id fetch first ? rows only", rs -> rs.getString(1),
                from, industry, limit);
    }

    private <T> List<T> query(String sql, Sql.RowMapper<T> row, Object... args) {
        return Sql.list(db, "read the demo page's data", sql, row, args);
    }
}
