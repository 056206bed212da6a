package golf.linkup.engine.matching;

import golf.linkup.engine.domain.GeoPoint;
import golf.linkup.engine.domain.Industry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.StampedLock;

/**
 * Users by industry and position, to find everyone of some industries within a radius of a
 * course: one equirectangular grid of {@value #CELL_DEGREES}-degree cells per industry, each cell
 * an immutable {@link Cell}: the {@link ScoringUser}s and, side by side, their unit vectors and
 * skill ranks in primitive arrays. A query visits the cells of the radius' bounding box
 * (longitudes widened by {@code asin(sin r / cos lat)}, every longitude near a pole or across the
 * anti-meridian handled by wrapping), then keeps the users whose distance is within the radius,
 * decided exactly as {@link GeoPoint#distanceKm} decides it. Users without a location are held
 * (so they can be updated) but never found by position.
 *
 * <p><b>Concurrency contract.</b> Writes ({@link #upsert}, {@link #upsertAll}, {@link #remove})
 * are serialized by the index itself and may come from any thread; each replaces the arrays it
 * touches (copy-on-write, O(cell size)). Queries never block while no write is running: they read
 * optimistically and check a {@link StampedLock} stamp afterwards; when a write overlapped, the
 * query is run again under the read lock (which a writer then waits for). So a query sees the
 * index as of one instant: a user who moves between cells while it runs is found exactly once
 * (where the state it saw puts them), never twice and never missed.
 * A {@link Visitor} may therefore see a discarded first attempt: it must reset its state in
 * {@link Visitor#reset()}.
 */
public final class UserSpatialIndex {

    /** Cell size in degrees: 55.6 km north-south, 55.6 cos(lat) km east-west. */
    public static final double CELL_DEGREES = 0.5;
    static final int LAT_CELLS = 360;
    static final int LNG_CELLS = 720;
    private static final double KM_PER_DEGREE = Math.PI * GeoPoint.EARTH_RADIUS_KM / 180;
    private static final int INDUSTRIES = Industry.values().length;
    private static final ScoringUser[] NONE = new ScoringUser[0];

    /** Receives the users a query finds. */
    public interface Visitor {
        /** Called before a (re)run of the query: forget what was accepted so far. */
        void reset();

        /**
         * A cheap pre-filter on primitive facts, asked before the user object is read: false means
         * "never accept this one" (a visitor must then not need it). The default takes everyone.
         *
         * @param industryOrdinal the user's industry
         * @param squaredChord    the squared chord between the user and the centre (see {@code Spherical})
         * @param skillRank       the user's skill rank, -1 when not set
         */
        default boolean mayAccept(int industryOrdinal, double squaredChord, int skillRank) {
            return true;
        }

        void accept(ScoringUser user);
    }

    /**
     * One cell's users and, side by side, the primitive facts a query filters on, so that users
     * outside the radius or refused by {@link Visitor#mayAccept} cost a sequential read of 25 bytes
     * and not a visit to the object. Immutable.
     */
    static final class Cell {
        final ScoringUser[] users;
        /** x, y, z of each user's unit vector, interleaved. */
        final double[] xyz;
        final byte[] skill;

        Cell(ScoringUser[] users) {
            this.users = users;
            this.xyz = new double[users.length * 3];
            this.skill = new byte[users.length];
            for (int i = 0; i < users.length; i++) {
                xyz[3 * i] = users[i].x;
                xyz[3 * i + 1] = users[i].y;
                xyz[3 * i + 2] = users[i].z;
                skill[i] = (byte) users[i].skillRank;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private final AtomicReferenceArray<Cell>[] cells = new AtomicReferenceArray[INDUSTRIES];
    private final ConcurrentHashMap<String, ScoringUser> byId = new ConcurrentHashMap<>();
    private final StampedLock lock = new StampedLock();

    public UserSpatialIndex() {
        for (int i = 0; i < INDUSTRIES; i++) {
            cells[i] = new AtomicReferenceArray<>(LAT_CELLS * LNG_CELLS);
        }
    }

    /** The user as indexed, or {@code null}. */
    public ScoringUser get(String userId) {
        return byId.get(userId);
    }

    public int size() {
        return byId.size();
    }

    /** Adds a user or replaces the one with the same id (moved, changed industry, ...). */
    public void upsert(ScoringUser user) {
        long stamp = lock.writeLock();
        try {
            ScoringUser old = byId.put(user.id, user);
            if (old != null) {
                removeFromCell(old);
            }
            addToCell(user);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Adds or replaces many users in one write, for loading: O(users + touched cells), plus
     * O(cell size) for each user that replaces one already indexed. When an id appears more than
     * once, the last one wins.
     */
    public void upsertAll(Collection<ScoringUser> users) {
        long stamp = lock.writeLock();
        try {
            Map<String, ScoringUser> lastById = new java.util.LinkedHashMap<>();
            for (ScoringUser user : users) {
                lastById.put(user.id, user);
            }
            Map<Long, List<ScoringUser>> added = new HashMap<>();
            for (ScoringUser user : lastById.values()) {
                ScoringUser old = byId.put(user.id, user);
                if (old != null) {
                    removeFromCell(old);
                }
                if (user.located) {
                    long key = (long) user.industry * LAT_CELLS * LNG_CELLS + cellOf(user.lat, user.lng);
                    added.computeIfAbsent(key, k -> new ArrayList<>()).add(user);
                }
            }
            for (Map.Entry<Long, List<ScoringUser>> e : added.entrySet()) {
                int industry = (int) (e.getKey() / (LAT_CELLS * LNG_CELLS));
                int cell = (int) (e.getKey() % (LAT_CELLS * LNG_CELLS));
                Cell existing = cells[industry].get(cell);
                ScoringUser[] current = existing == null ? NONE : existing.users;
                List<ScoringUser> more = e.getValue();
                ScoringUser[] next = Arrays.copyOf(current, current.length + more.size());
                for (int i = 0; i < more.size(); i++) {
                    next[current.length + i] = more.get(i);
                }
                cells[industry].set(cell, new Cell(next));
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes a user; false when absent. */
    public boolean remove(String userId) {
        long stamp = lock.writeLock();
        try {
            ScoringUser old = byId.remove(userId);
            if (old == null) {
                return false;
            }
            removeFromCell(old);
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void addToCell(ScoringUser user) {
        if (!user.located) {
            return;
        }
        AtomicReferenceArray<Cell> grid = cells[user.industry];
        int cell = cellOf(user.lat, user.lng);
        Cell existing = grid.get(cell);
        if (existing == null) {
            grid.set(cell, new Cell(new ScoringUser[] {user}));
        } else {
            ScoringUser[] current = existing.users;
            ScoringUser[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = user;
            grid.set(cell, new Cell(next));
        }
    }

    private void removeFromCell(ScoringUser user) {
        if (!user.located) {
            return;
        }
        AtomicReferenceArray<Cell> grid = cells[user.industry];
        int cell = cellOf(user.lat, user.lng);
        Cell existing = grid.get(cell);
        if (existing == null) {
            return;
        }
        ScoringUser[] current = existing.users;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == user) {
                if (current.length == 1) {
                    grid.set(cell, null);
                } else {
                    ScoringUser[] next = new ScoringUser[current.length - 1];
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    grid.set(cell, new Cell(next));
                }
                return;
            }
        }
    }

    static int latRow(double lat) {
        int row = (int) Math.floor((lat + 90) / CELL_DEGREES);
        return Math.max(0, Math.min(LAT_CELLS - 1, row));
    }

    static int lngColumn(double lng) {
        int col = (int) Math.floor((lng + 180) / CELL_DEGREES);
        return Math.floorMod(col, LNG_CELLS);
    }

    static int cellOf(double lat, double lng) {
        return latRow(lat) * LNG_CELLS + lngColumn(lng);
    }

    /** A bit per industry ordinal. */
    public static int mask(Set<Industry> industries) {
        int mask = 0;
        for (Industry i : industries) {
            mask |= 1 << i.ordinal();
        }
        return mask;
    }

    public static final int ALL_INDUSTRIES = (1 << INDUSTRIES) - 1;

    /**
     * Visits every indexed user of the industries in {@code industryMask} whose distance to
     * {@code (lat, lng)} is at most {@code radiusKm} ({@code GeoPoint.distanceKm <= radiusKm}),
     * in no particular order, each once, as of one instant (see the class contract).
     */
    public void query(int industryMask, double lat, double lng, double radiusKm, Visitor visitor) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0L) {
            visitor.reset();
            scan(industryMask, lat, lng, radiusKm, visitor);
            if (lock.validate(stamp)) {
                return;
            }
        }
        stamp = lock.readLock();
        try {
            visitor.reset();
            scan(industryMask, lat, lng, radiusKm, visitor);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The ids of every user a {@link #query} would visit (for cache invalidation and tests). */
    public Set<String> idsWithin(int industryMask, double lat, double lng, double radiusKm) {
        Set<String> ids = new HashSet<>();
        query(industryMask, lat, lng, radiusKm, new Visitor() {
            @Override
            public void reset() {
                ids.clear();
            }

            @Override
            public void accept(ScoringUser user) {
                ids.add(user.id);
            }
        });
        return ids;
    }

    private void scan(int industryMask, double lat, double lng, double radiusKm, Visitor visitor) {
        if (radiusKm < 0 || industryMask == 0) {
            return;
        }
        double threshold = Spherical.squaredChordOf(radiusKm);
        double outer = threshold * (1 + Spherical.BAND);
        double inner = threshold * (1 - Spherical.BAND);
        double cx = Spherical.unitX(lat, lng);
        double cy = Spherical.unitY(lat, lng);
        double cz = Spherical.unitZ(lat);

        // bounding box in degrees, a little wider than exact so rounding never loses a cell
        double radiusDeg = radiusKm / KM_PER_DEGREE * (1 + 1e-9) + 1e-9;
        double south = lat - radiusDeg;
        double north = lat + radiusDeg;
        int firstRow = latRow(Math.max(-90, south));
        int lastRow = latRow(Math.min(90, north));
        int firstCol;
        int columns;
        double ratio = Math.sin(Math.toRadians(Math.min(radiusDeg, 90))) / Math.cos(Math.toRadians(lat));
        if (south <= -90 || north >= 90 || radiusDeg >= 90 || !(ratio < 1)) {
            firstCol = 0;
            columns = LNG_CELLS;
        } else {
            double halfWidth = Math.toDegrees(Math.asin(ratio)) * (1 + 1e-9) + 1e-9;
            int west = (int) Math.floor((lng - halfWidth + 180) / CELL_DEGREES);
            int east = (int) Math.floor((lng + halfWidth + 180) / CELL_DEGREES);
            columns = Math.min(LNG_CELLS, east - west + 1);
            firstCol = Math.floorMod(west, LNG_CELLS);
        }
        for (int industry = 0; industry < INDUSTRIES; industry++) {
            if ((industryMask & (1 << industry)) == 0) {
                continue;
            }
            AtomicReferenceArray<Cell> grid = cells[industry];
            for (int row = firstRow; row <= lastRow; row++) {
                int base = row * LNG_CELLS;
                for (int c = 0; c < columns; c++) {
                    int col = firstCol + c;
                    if (col >= LNG_CELLS) {
                        col -= LNG_CELLS;
                    }
                    Cell cell = grid.get(base + col);
                    if (cell == null) {
                        continue;
                    }
                    double[] xyz = cell.xyz;
                    byte[] skill = cell.skill;
                    for (int i = 0, n = skill.length; i < n; i++) {
                        double c2 = Spherical.squaredChord(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], cx, cy, cz);
                        if (c2 > outer || !visitor.mayAccept(industry, c2, skill[i])) {
                            continue;
                        }
                        ScoringUser u = cell.users[i];
                        if (c2 < inner || Spherical.within(c2, threshold, radiusKm, u.lat, u.lng, lat, lng)) {
                            visitor.accept(u);
                        }
                    }
                }
            }
        }
    }

    /** Every industry of the set, as a mask. */
    public static int mask(Industry first, Industry... rest) {
        return mask(EnumSet.of(first, rest));
    }
}
