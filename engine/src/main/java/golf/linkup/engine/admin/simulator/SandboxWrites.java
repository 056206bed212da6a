package golf.linkup.engine.admin.simulator;

import golf.linkup.engine.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
            try (PreparedStatement ps = c.prepareStatement("insert into tee_times (id, host_id, course_id, starts_at,"
                    + " industry, open_to_all, skill_level, total_slots, status) values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')")) {
                ps.setString(1, id);
                ps.setString(2, hostId);
                ps.setString(3, courseId);
                ps.setObject(4, OffsetDateTime.ofInstant(startsAt, ZoneOffset.UTC));
                ps.setString(5, industry);
                ps.setBoolean(6, openToAll);
                ps.setString(7, skillLevel == null ? "ANY" : skillLevel);
                ps.setInt(8, totalSlots);
                ps.executeUpdate();
            }
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
            List<Integer> taken = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select slot_number from tee_time_slots where tee_time_id = ?")) {
                ps.setString(1, teeTimeId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        taken.add(rs.getInt(1));
                    }
                }
            }
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
            int slot;
            try (PreparedStatement ps = c.prepareStatement(
                    "select slot_number from tee_time_slots where tee_time_id = ? and user_id = ?")) {
                ps.setString(1, teeTimeId);
                ps.setString(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SimulatorException(userId + " does not play in " + teeTimeId);
                    }
                    slot = rs.getInt(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from tee_time_slots where tee_time_id = ? and user_id = ?")) {
                ps.setString(1, teeTimeId);
                ps.setString(2, userId);
                ps.executeUpdate();
            }
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
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into messages (id, tee_time_id, sender_id, body, sent_at) values (?, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, teeTimeId);
                ps.setString(3, senderId);
                ps.setString(4, body);
                ps.setObject(5, OffsetDateTime.ofInstant(sentAt, ZoneOffset.UTC));
                ps.executeUpdate();
            }
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
            try (PreparedStatement ps = c.prepareStatement(
                    "update tee_times set status = 'CANCELLED', updated_at = current_timestamp where id = ?")) {
                ps.setString(1, teeTimeId);
                ps.executeUpdate();
            }
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

    private TeeTimeChoice teeTime(Connection c, String teeTimeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select t.id, t.host_id, co.name, t.starts_at, t.industry,"
                + " t.total_slots, t.status from tee_times t join courses co on co.id = t.course_id where t.id = ?")) {
            ps.setString(1, teeTimeId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SimulatorException("no tee time " + teeTimeId);
                }
                List<String> players = new ArrayList<>();
                try (PreparedStatement slots = c.prepareStatement(
                        "select user_id from tee_time_slots where tee_time_id = ? order by slot_number")) {
                    slots.setString(1, teeTimeId);
                    try (ResultSet s = slots.executeQuery()) {
                        while (s.next()) {
                            players.add(s.getString(1));
                        }
                    }
                }
                return new TeeTimeChoice(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getInt(6), players,
                        rs.getString(7));
            }
        }
    }

    private static void insertSlot(Connection c, String teeTimeId, int slot, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into tee_time_slots (tee_time_id, slot_number, user_id) values (?, ?, ?)")) {
            ps.setString(1, teeTimeId);
            ps.setInt(2, slot);
            ps.setString(3, userId);
            ps.executeUpdate();
        }
    }

    private static Optional<String> single(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> list(String sql, int limit, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("simulator read failed", e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("simulator write failed", e);
        }
    }
}
