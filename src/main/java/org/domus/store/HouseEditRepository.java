package org.domus.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.domus.model.Attribute;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.Floor;
import org.domus.model.House;
import org.domus.model.InvalidModelException;
import org.domus.model.ModelChecks;
import org.domus.model.ModelProblem;
import org.domus.model.Room;

/**
 * Edits of the house model a user makes: create, rename, move and delete houses, floors, rooms and devices, and
 * the display name and unit of attributes. Every input is checked ({@link ModelChecks}); a refusal is an
 * {@link InvalidModelException} with one sentence.
 *
 * <p>Slugs never change: a house's and a device's are their MQTT address, and a device keeps its
 * {@code topic_room} (the room named in its topics) wherever it is placed. Moving a device changes only its
 * placement ({@code room_id}).
 *
 * <p>Deleting never loses telemetry silently: {@code xxxImpact} says what a deletion would remove, and the
 * deletion returns what it did remove (counted in the same transaction). Deleting a device removes its
 * attributes, their readings and rollups; deleting a room keeps its devices (back to the inbox, or into another
 * room); deleting a floor keeps its rooms (without a floor); deleting a house removes everything in it but its
 * events and MQTT logins. A deleted device that still publishes comes back to the inbox, as a new device.
 *
 * <p>Reads run on the calling thread; writes on the writer thread, and the call waits for their commit.
 * Thread-safe.
 */
public final class HouseEditRepository {

    private static final String DEVICE_COLUMNS = "d.id, d.house_id, h.slug, d.topic_room, d.slug, d.room_id, d.name,"
            + " d.kind, d.discovered_at FROM device d JOIN house h ON h.id = d.house_id";
    private static final String SERIES_OF_DEVICE = "SELECT id FROM attribute WHERE device_id = ?";
    private static final String SERIES_OF_HOUSE =
            "SELECT a.id FROM attribute a JOIN device d ON d.id = a.device_id WHERE d.house_id = ?";

    private final ReadPool reads;
    private final TelemetryWriter writer;

    HouseEditRepository(ReadPool reads, TelemetryWriter writer) {
        this.reads = reads;
        this.writer = writer;
    }

    // ------------------------------------------------------------------ houses

    /** A new house; refused if one has this slug. */
    public House createHouse(String slug, String name, ZoneId zone) {
        ModelChecks.slug("house", slug);
        String checked = ModelChecks.name("house", name);
        Objects.requireNonNull(zone, "zone");
        return writer.call(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO house (slug, name, zone) VALUES (?, ?, ?) ON CONFLICT (slug) DO NOTHING")) {
                insert.setString(1, slug);
                insert.setString(2, checked);
                insert.setString(3, zone.getId());
                if (insert.executeUpdate() == 0) {
                    throw new InvalidModelException(ModelProblem.HOUSE_EXISTS, "There is already a house with the"
                            + " short name \"" + slug + "\".", List.of(slug));
                }
            }
            return house(c, lastInsertId(c));
        });
    }

    /** Changes the house's display name and time zone; its slug stays. */
    public House updateHouse(long houseId, String name, ZoneId zone) {
        String checked = ModelChecks.name("house", name);
        Objects.requireNonNull(zone, "zone");
        return writer.call(c -> {
            update(c, "UPDATE house SET name = ?, zone = ? WHERE id = ?", "house", houseId, checked, zone.getId());
            return house(c, houseId);
        });
    }

    public Optional<House> findHouse(long houseId) {
        return reads.read(c -> optional(() -> house(c, houseId)));
    }

    public DeletionImpact houseImpact(long houseId) {
        return reads.read(c -> houseImpact(c, houseId));
    }

    /** Deletes the house and everything in it (not its events and MQTT logins); returns what was removed. */
    public DeletionImpact deleteHouse(long houseId) {
        return writer.callReshaping(c -> {
            DeletionImpact impact = houseImpact(c, houseId);
            deleteTelemetry(c, SERIES_OF_HOUSE, houseId);
            execute(c, "DELETE FROM house WHERE id = ?", houseId);
            return impact;
        });
    }

    private static DeletionImpact houseImpact(Connection c, long houseId) throws SQLException {
        House house = house(c, houseId);
        return new DeletionImpact(house.name(),
                (int) count(c, "SELECT count(*) FROM floor WHERE house_id = ?", houseId),
                (int) count(c, "SELECT count(*) FROM room WHERE house_id = ?", houseId),
                (int) count(c, "SELECT count(*) FROM device WHERE house_id = ?", houseId),
                (int) count(c, "SELECT count(*) FROM (" + SERIES_OF_HOUSE + ")", houseId),
                readings(c, SERIES_OF_HOUSE, houseId), 0,
                names(c, "SELECT name FROM device WHERE house_id = ? ORDER BY name", houseId),
                names(c, "SELECT name FROM room WHERE house_id = ? ORDER BY name", houseId),
                (int) countText(c, "SELECT count(*) FROM mqtt_credential WHERE house = ?", house.slug()));
    }

    // ------------------------------------------------------------------ floors

    public Floor createFloor(long houseId, String name, int level) {
        String checked = ModelChecks.name("floor", name);
        return writer.call(c -> {
            house(c, houseId);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO floor (house_id, name, level) VALUES (?, ?, ?)")) {
                insert.setLong(1, houseId);
                insert.setString(2, checked);
                insert.setInt(3, level);
                insert.executeUpdate();
            }
            return floor(c, lastInsertId(c));
        });
    }

    /** Changes the floor's name and level (floors are listed by level). */
    public Floor updateFloor(long floorId, String name, int level) {
        String checked = ModelChecks.name("floor", name);
        return writer.call(c -> {
            update(c, "UPDATE floor SET name = ?, level = ? WHERE id = ?", "floor", floorId, checked, level);
            return floor(c, floorId);
        });
    }

    public Optional<Floor> findFloor(long floorId) {
        return reads.read(c -> optional(() -> floor(c, floorId)));
    }

    public DeletionImpact floorImpact(long floorId) {
        return reads.read(c -> floorImpact(c, floorId));
    }

    /** Deletes the floor; its rooms stay, without a floor. */
    public DeletionImpact deleteFloor(long floorId) {
        return writer.call(c -> {
            DeletionImpact impact = floorImpact(c, floorId);
            execute(c, "UPDATE room SET floor_id = NULL WHERE floor_id = ?", floorId);
            execute(c, "DELETE FROM floor WHERE id = ?", floorId);
            return impact;
        });
    }

    private static DeletionImpact floorImpact(Connection c, long floorId) throws SQLException {
        Floor floor = floor(c, floorId);
        return new DeletionImpact(floor.name(), 0,
                (int) count(c, "SELECT count(*) FROM room WHERE floor_id = ?", floorId), 0, 0, 0, 0, List.of(),
                names(c, "SELECT name FROM room WHERE floor_id = ? ORDER BY name", floorId), 0);
    }

    // ------------------------------------------------------------------ rooms

    /** A new room, on {@code floorId} (of the same house) or on none; refused if the house has this slug. */
    public Room createRoom(long houseId, Long floorId, String slug, String name) {
        ModelChecks.roomSlug(slug);
        String checked = ModelChecks.name("room", name);
        return writer.call(c -> {
            house(c, houseId);
            requireFloorOf(c, floorId, houseId);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO room (house_id, floor_id, slug, name)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (house_id, slug) DO NOTHING")) {
                insert.setLong(1, houseId);
                SqlSupport.setNullableLong(insert, 2, floorId);
                insert.setString(3, slug);
                insert.setString(4, checked);
                if (insert.executeUpdate() == 0) {
                    throw new InvalidModelException(ModelProblem.ROOM_EXISTS, "This house already has a room with the"
                            + " short name \"" + slug + "\".", List.of(slug));
                }
            }
            return room(c, lastInsertId(c));
        });
    }

    public Room renameRoom(long roomId, String name) {
        String checked = ModelChecks.name("room", name);
        return writer.call(c -> {
            update(c, "UPDATE room SET name = ? WHERE id = ?", "room", roomId, checked);
            return room(c, roomId);
        });
    }

    /** Puts the room on another floor of its house, or on none ({@code floorId} null). */
    public Room moveRoom(long roomId, Long floorId) {
        return writer.call(c -> {
            Room room = room(c, roomId);
            requireFloorOf(c, floorId, room.houseId());
            try (PreparedStatement update = c.prepareStatement("UPDATE room SET floor_id = ? WHERE id = ?")) {
                SqlSupport.setNullableLong(update, 1, floorId);
                update.setLong(2, roomId);
                update.executeUpdate();
            }
            return room(c, roomId);
        });
    }

    public Optional<Room> findRoom(long roomId) {
        return reads.read(c -> optional(() -> room(c, roomId)));
    }

    public DeletionImpact roomImpact(long roomId) {
        return reads.read(c -> roomImpact(c, roomId));
    }

    /**
     * Deletes the room. Its devices stay, with their telemetry: in the room {@code devicesTo} (of the same house),
     * or back in the house's inbox when it is null.
     */
    public DeletionImpact deleteRoom(long roomId, Long devicesTo) {
        return writer.call(c -> {
            DeletionImpact impact = roomImpact(c, roomId);
            if (devicesTo != null) {
                if (devicesTo == roomId) {
                    throw new InvalidModelException(ModelProblem.NOT_FOUND, "The devices cannot move into the room"
                            + " being deleted.", List.of("room", Long.toString(devicesTo)));
                }
                requireRoomOf(c, devicesTo, room(c, roomId).houseId());
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE device SET room_id = ? WHERE room_id = ?")) {
                SqlSupport.setNullableLong(update, 1, devicesTo);
                update.setLong(2, roomId);
                update.executeUpdate();
            }
            execute(c, "DELETE FROM room WHERE id = ?", roomId);
            return impact;
        });
    }

    private static DeletionImpact roomImpact(Connection c, long roomId) throws SQLException {
        Room room = room(c, roomId);
        return new DeletionImpact(room.name(), 0, 0, 0, 0, 0,
                (int) count(c, "SELECT count(*) FROM device WHERE room_id = ?", roomId),
                names(c, "SELECT name FROM device WHERE room_id = ? ORDER BY name", roomId), List.of(), 0);
    }

    // ------------------------------------------------------------------ devices

    /**
     * A device added by hand before it ever published: its address is {@code house/topicRoom/slug} (the room
     * named in its topics, usually the slug of the room it is placed in). Refused if that address is taken.
     *
     * @param roomId where it is placed, or null for the inbox
     */
    public Device createDevice(long houseId, Long roomId, String topicRoom, String slug, String name, String kind) {
        ModelChecks.roomSlug(topicRoom);
        ModelChecks.slug("device", slug);
        String checked = ModelChecks.name("device", name);
        String checkedKind = kind == null || kind.isBlank() ? TelemetryWriter.UNKNOWN_KIND : kind.strip();
        return writer.call(c -> {
            House house = house(c, houseId);
            if (roomId != null) {
                requireRoomOf(c, roomId, houseId);
            }
            DeviceAddress address = new DeviceAddress(house.slug(), topicRoom, slug);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO device (house_id, topic_room, slug, room_id,"
                    + " name, kind) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (house_id, topic_room, slug) DO NOTHING")) {
                insert.setLong(1, houseId);
                insert.setString(2, topicRoom);
                insert.setString(3, slug);
                SqlSupport.setNullableLong(insert, 4, roomId);
                insert.setString(5, checked);
                insert.setString(6, checkedKind);
                if (insert.executeUpdate() == 0) {
                    throw new InvalidModelException(ModelProblem.DEVICE_EXISTS, "There is already a device at "
                            + address + ".", List.of(address.toString()));
                }
            }
            return device(c, lastInsertId(c));
        });
    }

    public Device renameDevice(long deviceId, String name) {
        String checked = ModelChecks.name("device", name);
        return writer.call(c -> {
            update(c, "UPDATE device SET name = ? WHERE id = ?", "device", deviceId, checked);
            return device(c, deviceId);
        });
    }

    /**
     * Sets the device's name and kind (light, sensor, …; blank: not known). A device the user described is no
     * longer renamed by what it or its vendor's discovery says of itself.
     */
    public Device updateDevice(long deviceId, String name, String kind) {
        String checked = ModelChecks.name("device", name);
        String checkedKind = ModelChecks.optional(kind, 40, ModelProblem.NAME_TOO_LONG, "kind");
        return writer.call(c -> {
            update(c, "UPDATE device SET name = ?, kind = ? WHERE id = ?", "device", deviceId, checked,
                    checkedKind.isEmpty() ? TelemetryWriter.UNKNOWN_KIND : checkedKind);
            return device(c, deviceId);
        });
    }

    /**
     * Places the device in a room of its house, or back in the inbox ({@code roomId} null). Its address, and so
     * its topics, stay as they are.
     */
    public Device moveDevice(long deviceId, Long roomId) {
        return writer.call(c -> {
            Device device = device(c, deviceId);
            if (roomId != null) {
                requireRoomOf(c, roomId, device.houseId());
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE device SET room_id = ? WHERE id = ?")) {
                SqlSupport.setNullableLong(update, 1, roomId);
                update.setLong(2, deviceId);
                update.executeUpdate();
            }
            return device(c, deviceId);
        });
    }

    public Optional<Device> findDevice(long deviceId) {
        return reads.read(c -> optional(() -> device(c, deviceId)));
    }

    public DeletionImpact deviceImpact(long deviceId) {
        return reads.read(c -> deviceImpact(c, deviceId));
    }

    /** Deletes the device, its attributes, their readings and rollups; returns what was removed. */
    public DeletionImpact deleteDevice(long deviceId) {
        return writer.callReshaping(c -> {
            DeletionImpact impact = deviceImpact(c, deviceId);
            deleteTelemetry(c, SERIES_OF_DEVICE, deviceId);
            execute(c, "DELETE FROM device WHERE id = ?", deviceId);
            return impact;
        });
    }

    private static DeletionImpact deviceImpact(Connection c, long deviceId) throws SQLException {
        Device device = device(c, deviceId);
        return new DeletionImpact(device.name(), 0, 0, 1,
                (int) count(c, "SELECT count(*) FROM attribute WHERE device_id = ?", deviceId),
                readings(c, SERIES_OF_DEVICE, deviceId), 0, List.of(device.name()), List.of(), 0);
    }

    // ------------------------------------------------------------------ attributes

    /**
     * Sets what the user calls the attribute and the unit shown. {@code label} empty: the attribute's own name.
     * {@code unit} null: the unit the device declares (a device describing itself again never overwrites the
     * user's unit).
     */
    public Attribute updateAttribute(long attributeId, String label, String unit) {
        String checkedLabel = ModelChecks.optional(label, ModelChecks.MAX_NAME, ModelProblem.NAME_TOO_LONG, "name");
        String checkedUnit = unit == null ? null
                : ModelChecks.optional(unit, ModelChecks.MAX_UNIT, ModelProblem.UNIT_TOO_LONG, "unit");
        return writer.call(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE attribute SET label = ?, unit_override = ? WHERE id = ?")) {
                update.setString(1, checkedLabel);
                update.setString(2, checkedUnit);
                update.setLong(3, attributeId);
                if (update.executeUpdate() == 0) {
                    throw notFound("attribute", attributeId);
                }
            }
            try (PreparedStatement query = c.prepareStatement("SELECT device_id FROM attribute WHERE id = ?")) {
                query.setLong(1, attributeId);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    long deviceId = rows.getLong(1);
                    return attributes(c, deviceId).stream().filter(a -> a.id() == attributeId).findFirst()
                            .orElseThrow(() -> notFound("attribute", attributeId));
                }
            }
        });
    }

    /** The unit the device itself declares for the attribute (shown when the user clears theirs). */
    public String declaredUnit(long attributeId) {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT unit FROM attribute WHERE id = ?")) {
                query.setLong(1, attributeId);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        throw notFound("attribute", attributeId);
                    }
                    return rows.getString(1);
                }
            }
        });
    }

    // ------------------------------------------------------------------ reading rows

    private static House house(Connection c, long houseId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT id, slug, name, zone FROM house WHERE id = ?")) {
            query.setLong(1, houseId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw notFound("house", houseId);
                }
                ZoneId zone;
                try {
                    zone = ZoneId.of(rows.getString(4));
                } catch (DateTimeException e) {
                    zone = ZoneOffset.UTC;
                }
                return new House(rows.getLong(1), rows.getString(2), rows.getString(3), zone);
            }
        }
    }

    private static Floor floor(Connection c, long floorId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT id, house_id, name, level FROM floor WHERE id = ?")) {
            query.setLong(1, floorId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw notFound("floor", floorId);
                }
                return new Floor(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getInt(4));
            }
        }
    }

    private static Room room(Connection c, long roomId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id, house_id, floor_id, slug, name FROM room WHERE id = ?")) {
            query.setLong(1, roomId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw notFound("room", roomId);
                }
                return new Room(rows.getLong(1), rows.getLong(2), SqlSupport.getNullableLong(rows, 3),
                        rows.getString(4), rows.getString(5));
            }
        }
    }

    private static Device device(Connection c, long deviceId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + DEVICE_COLUMNS + " WHERE d.id = ?")) {
            query.setLong(1, deviceId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw notFound("device", deviceId);
                }
                Long discovered = SqlSupport.getNullableLong(rows, 9);
                return new Device(rows.getLong(1), rows.getLong(2),
                        new DeviceAddress(rows.getString(3), rows.getString(4), rows.getString(5)),
                        SqlSupport.getNullableLong(rows, 6), rows.getString(7), rows.getString(8),
                        discovered == null ? null : SqlSupport.instant(discovered));
            }
        }
    }

    /** The device's attributes as {@link HouseRepository} reads them, on this connection. */
    private static List<Attribute> attributes(Connection c, long deviceId) throws SQLException {
        return HouseRepository.attributes(c, deviceId);
    }

    private static void requireFloorOf(Connection c, Long floorId, long houseId) throws SQLException {
        if (floorId != null && floor(c, floorId).houseId() != houseId) {
            throw otherHouse("floor");
        }
    }

    private static void requireRoomOf(Connection c, long roomId, long houseId) throws SQLException {
        if (room(c, roomId).houseId() != houseId) {
            throw otherHouse("room");
        }
    }

    private static InvalidModelException notFound(String what, long id) {
        return new InvalidModelException(ModelProblem.NOT_FOUND, "The " + what + " no longer exists (it may have"
                + " been deleted meanwhile).", List.of(what, Long.toString(id)));
    }

    private static InvalidModelException otherHouse(String what) {
        return new InvalidModelException(ModelProblem.OTHER_HOUSE, "The " + what + " belongs to another house.",
                List.of(what));
    }

    // ------------------------------------------------------------------ SQL helpers

    /** Runs an UPDATE of one row by id (the last parameter); refuses when there is no such row. */
    private static void update(Connection c, String sql, String what, long id, Object... values) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            update.setLong(values.length + 1, id);
            if (update.executeUpdate() == 0) {
                throw notFound(what, id);
            }
        }
    }

    private static void execute(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setLong(1, id);
            statement.executeUpdate();
        }
    }

    private static void deleteTelemetry(Connection c, String seriesQuery, long id) throws SQLException {
        for (String table : new String[] {"telemetry", "rollup_minute", "rollup_hour"}) {
            execute(c, "DELETE FROM " + table + " WHERE series IN (" + seriesQuery + ")", id);
        }
    }

    private static long readings(Connection c, String seriesQuery, long id) throws SQLException {
        return count(c, "SELECT count(*) FROM telemetry WHERE series IN (" + seriesQuery + ")", id);
    }

    private static long count(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long countText(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<String> names(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql + " LIMIT " + DeletionImpact.NAMES_SHOWN)) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        }
    }

    private static long lastInsertId(Connection c) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT last_insert_rowid()");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private interface SqlSupplier<T> {
        T get() throws SQLException;
    }

    private static <T> Optional<T> optional(SqlSupplier<T> lookup) throws SQLException {
        try {
            return Optional.of(lookup.get());
        } catch (InvalidModelException e) {
            return Optional.empty();
        }
    }
}
