package golf.linkup.engine.admin.simulator;

import golf.linkup.engine.storage.Sql;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The simulator's writes to the sandbox database, as the API server would make them before it
 * publishes the event: a tee time with the host in slot 1, a player taking the lowest free slot or
 * leaving, a chat message, a cancellation. Each write is one transaction.
 */
public final class SandboxWrites {

    /** A user the forms offer. */
    public record UserChoice(String id, String name, String industry, String city) {
    }

    /** A course the forms offer. */
    public record CourseChoice(String id, String name, String city, String timeZone) {
    }

    /** An open tee time the forms offer, with its players (slot order). */
    public record TeeTimeChoice(String id, String hostId, String courseName, Instant startsAt, String industry,
            int totalSlots, List<String> players, String status) {
    }

    private static final String READ = "read the sandbox database for the simulator";
    private static final String WRITE = "write the simulator's change to the sandbox database";

    private final DataSource dataSource;

    public SandboxWrites(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts an OPEN tee time in the host's industry with the host in slot 1; returns its id. */
    public String createTeeTime(String hostId, String courseId, Instant startsAt, int totalSlots, boolean openToAll,
            String skillLevel) {
        if (totalSlots < 2 || totalSlots > 8) {
            throw new SimulatorException("a tee time has 2 to 8 slots, not " + totalSlots);
        }
        String id = "sim-" + UUID.randomUUID().toString().substring(0, 8);
        return inTransaction(c -> {
            String industry = single(c, "select industry from users where id = ?", hostId)
                    .orElseThrow(() -> new SimulatorException("no user " + hostId));
            if (single(c, "select id from courses where id = ?", courseId).isEmpty()) {
                throw new SimulatorException("no course " + courseId);
            }
            Sql.update(c, WRITE, "insert into tee_times (id, host_id, course_id, starts_at, industry, open_to_all,"
                    + " skill_level, total_slots, status) values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')", id, hostId,
                    courseId, startsAt, industry, openToAll, skillLevel == null ? "ANY" : skillLevel, totalSlots);
            insertSlot(c, id, 1, hostId);
            return id;
        });
    }

    /** Puts the user in the lowest free slot; returns the slot number. */
    public int join(String teeTimeId, String userId) {
        return inTransaction(c -> {
            TeeTimeChoice t = teeTime(c, teeTimeId);
            if (!"OPEN".equals(t.status())) {
                throw new SimulatorException(teeTimeId + " is " + t.status());
            }
            if (t.players().contains(userId)) {
                throw new SimulatorException(userId + " already plays in " + teeTimeId);
            }
            if (single(c, "select id from users where id = ?", userId).isEmpty()) {
                throw new SimulatorException("no user " + userId);
            }
            List<Integer> taken = Sql.list(c, WRITE, "select slot_number from tee_time_slots where tee_time_id = ?",
                    rs -> rs.getInt(1), teeTimeId);
            for (int slot = 1; slot <= t.totalSlots(); slot++) {
                if (!taken.contains(slot)) {
                    insertSlot(c, teeTimeId, slot, userId);
                    return slot;
                }
            }
            throw new SimulatorException(teeTimeId + " is full");
        });
    }

    /** Takes the user out of the tee time (not the host); returns the slot they had. */
    public int leave(String teeTimeId, String userId) {
        return inTransaction(c -> {
            TeeTimeChoice t = teeTime(c, teeTimeId);
            if (userId.equals(t.hostId())) {
                throw new SimulatorException("the host cannot leave " + teeTimeId + "; cancel it instead");
            }
            int slot = Sql.first(c, WRITE,
                    "select slot_number from tee_time_slots where tee_time_id = ? and user_id = ?",
                    rs -> rs.getInt(1), teeTimeId, userId)
                    .orElseThrow(() -> new SimulatorException(userId + " does not play in " + teeTimeId));
            Sql.update(c, WRITE, "delete from tee_time_slots where tee_time_id = ? and user_id = ?", teeTimeId, userId);
            return slot;
        });
    }

    /** Stores a chat message; returns its id. */
    public String message(String teeTimeId, String senderId, String body, Instant sentAt) {
        if (body == null || body.isBlank()) {
            throw new SimulatorException("a chat message needs a text");
        }
        String id = "msg-" + UUID.randomUUID().toString().substring(0, 8);
        return inTransaction(c -> {
            teeTime(c, teeTimeId);
            Sql.update(c, WRITE,
                    "insert into messages (id, tee_time_id, sender_id, body, sent_at) values (?, ?, ?, ?, ?)",
                    id, teeTimeId, senderId, body, sentAt);
            return id;
        });
    }

    /** Marks the tee time CANCELLED (its players stay, so they can be told). */
    public void cancel(String teeTimeId) {
        inTransaction(c -> {
            TeeTimeChoice t = teeTime(c, teeTimeId);
            if ("CANCELLED".equals(t.status())) {
                throw new SimulatorException(teeTimeId + " is already cancelled");
            }
            Sql.update(c, WRITE, "update tee_times set status = 'CANCELLED', updated_at = current_timestamp"
                    + " where id = ?", teeTimeId);
            return null;
        });
    }

    public TeeTimeChoice teeTime(String teeTimeId) {
        return inTransaction(c -> teeTime(c, teeTimeId));
    }

    /** The course's time zone, for tee times given in local time. */
    public java.time.ZoneId courseZone(String courseId) {
        return inTransaction(c -> single(c, "select time_zone from courses where id = ?", courseId)
                .map(java.time.ZoneId::of).orElseThrow(() -> new SimulatorException("no course " + courseId)));
    }

    public String industryOf(String teeTimeId) {
        return teeTime(teeTimeId).industry();
    }

    /** Users for the forms, by id. */
    public List<UserChoice> users(int limit) {
        return list("select id, name, industry, city from users order by id fetch first ? rows only", limit,
                rs -> new UserChoice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    public List<String> userIds() {
        return list("select id from users order by id fetch first ? rows only", Integer.MAX_VALUE, rs -> rs.getString(1));
    }

    public List<CourseChoice> courses(int limit) {
        return list("select id, name, city, time_zone from courses order by name fetch first ? rows only", limit,
                rs -> new CourseChoice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    /** The most recently created open tee times. */
    public List<TeeTimeChoice> openTeeTimes(int limit) {
        List<String> ids = list("select id from tee_times where status = 'OPEN' order by created_at desc, id desc"
                + " fetch first ? rows only", limit, rs -> rs.getString(1));
        return inTransaction(c -> {
            List<TeeTimeChoice> out = new ArrayList<>();
            for (String id : ids) {
                out.add(teeTime(c, id));
            }
            return out;
        });
    }

    private static TeeTimeChoice teeTime(Connection c, String teeTimeId) {
        record Row(String id, String hostId, String courseName, Instant startsAt, String industry, int totalSlots,
                String status) {
        }
        Row row = Sql.first(c, READ, "select t.id, t.host_id, co.name, t.starts_at, t.industry, t.total_slots, t.status"
                + " from tee_times t join courses co on co.id = t.course_id where t.id = ?",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs, 4), rs.getString(5),
                        rs.getInt(6), rs.getString(7)), teeTimeId)
                .orElseThrow(() -> new SimulatorException("no tee time " + teeTimeId));
        List<String> players = Sql.list(c, READ,
                "select user_id from tee_time_slots where tee_time_id = ? order by slot_number", rs -> rs.getString(1),
                teeTimeId);
        return new TeeTimeChoice(row.id(), row.hostId(), row.courseName(), row.startsAt(), row.industry(),
                row.totalSlots(), players, row.status());
    }

    private static void insertSlot(Connection c, String teeTimeId, int slot, String userId) {
        Sql.update(c, WRITE, "insert into tee_time_slots (tee_time_id, slot_number, user_id) values (?, ?, ?)",
                teeTimeId, slot, userId);
    }

    private static Optional<String> single(Connection c, String sql, String parameter) {
        return Sql.first(c, READ, sql, rs -> rs.getString(1), parameter);
    }

    private <T> List<T> list(String sql, int limit, Sql.RowMapper<T> mapper) {
        return Sql.list(dataSource, READ, sql, mapper, limit);
    }

    private <T> T inTransaction(Sql.Transaction<T, RuntimeException> work) {
        return Sql.inTransaction(dataSource, WRITE, work);
    }
}
