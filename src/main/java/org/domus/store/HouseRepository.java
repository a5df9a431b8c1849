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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.Floor;
import org.domus.model.House;
import org.domus.model.Room;
import org.domus.model.SeriesPath;
import org.domus.model.Slugs;

/**
 * Houses, floors, rooms, devices and attributes. Reads run on the calling thread on a read connection; writes
 * run on the writer thread and the call waits for their commit (so they must not be called from a
 * {@link CommitListener} or an {@code onDone} callback). Thread-safe.
 */
public final class HouseRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };
    private static final String DEVICE_COLUMNS = "d.id, d.house_id, h.slug, d.topic_room, d.slug, d.room_id, d.name,"
            + " d.kind, d.discovered_at FROM device d JOIN house h ON h.id = d.house_id";
    private static final String ATTRIBUTE_COLUMNS = "a.id, a.device_id, h.slug, d.topic_room, d.slug, a.name, a.kind,"
            + " coalesce(a.unit_override, a.unit), a.writable, a.min, a.max, a.choices, a.label FROM attribute a JOIN device d ON d.id = a.device_id"
            + " JOIN house h ON h.id = d.house_id";

    private final ReadPool reads;
    private final TelemetryWriter writer;

    HouseRepository(ReadPool reads, TelemetryWriter writer) {
        this.reads = reads;
        this.writer = writer;
    }

    // ------------------------------------------------------------------ houses

    /** Creates the house if there is none with this slug; returns the existing one (unchanged) otherwise. */
    public House ensureHouse(String slug, String name, ZoneId zone) {
        Slugs.require("house", slug);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        return writer.call(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO house (slug, name, zone) VALUES (?, ?, ?) ON CONFLICT (slug) DO NOTHING")) {
                insert.setString(1, slug);
                insert.setString(2, name);
                insert.setString(3, zone.getId());
                insert.executeUpdate();
            }
            return house(c, slug).orElseThrow();
        });
    }

    public Optional<House> findHouse(String slug) {
        return reads.read(c -> house(c, slug));
    }

    public List<House> listHouses() {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT id, slug, name, zone FROM house ORDER BY name, slug");
                 ResultSet rows = query.executeQuery()) {
                List<House> houses = new ArrayList<>();
                while (rows.next()) {
                    houses.add(house(rows));
                }
                return houses;
            }
        });
    }

    private static Optional<House> house(Connection c, String slug) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT id, slug, name, zone FROM house WHERE slug = ?")) {
            query.setString(1, slug);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(house(rows)) : Optional.empty();
            }
        }
    }

    private static House house(ResultSet rows) throws SQLException {
        ZoneId zone;
        try {
            zone = ZoneId.of(rows.getString(4));
        } catch (DateTimeException e) {
            zone = ZoneOffset.UTC;
        }
        return new House(rows.getLong(1), rows.getString(2), rows.getString(3), zone);
    }

    // ------------------------------------------------------------------ floors and rooms

    public Floor addFloor(long houseId, String name, int level) {
        Objects.requireNonNull(name, "name");
        return writer.call(c -> {
            requireHouse(c, houseId);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO floor (house_id, name, level) VALUES (?, ?, ?)")) {
                insert.setLong(1, houseId);
                insert.setString(2, name);
                insert.setInt(3, level);
                insert.executeUpdate();
            }
            return new Floor(lastInsertId(c), houseId, name, level);
        });
    }

    /** The house's floors, lowest level first. */
    public List<Floor> listFloors(long houseId) {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT id, house_id, name, level FROM floor WHERE house_id = ? ORDER BY level, id")) {
                query.setLong(1, houseId);
                try (ResultSet rows = query.executeQuery()) {
                    List<Floor> floors = new ArrayList<>();
                    while (rows.next()) {
                        floors.add(new Floor(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getInt(4)));
                    }
                    return floors;
                }
            }
        });
    }

    /** Creates the room if the house has none with this slug; returns the existing one (unchanged) otherwise. */
    public Room ensureRoom(long houseId, Long floorId, String slug, String name) {
        Slugs.requireRoom(slug);
        Objects.requireNonNull(name, "name");
        return writer.call(c -> {
            requireHouse(c, houseId);
            if (floorId != null) {
                requireOwned(c, "SELECT house_id FROM floor WHERE id = ?", floorId, houseId, "floor");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO room (house_id, floor_id, slug, name)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (house_id, slug) DO NOTHING")) {
                insert.setLong(1, houseId);
                SqlSupport.setNullableLong(insert, 2, floorId);
                insert.setString(3, slug);
                insert.setString(4, name);
                insert.executeUpdate();
            }
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT id, house_id, floor_id, slug, name FROM room WHERE house_id = ? AND slug = ?")) {
                query.setLong(1, houseId);
                query.setString(2, slug);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return room(rows);
                }
            }
        });
    }

    public List<Room> listRooms(long houseId) {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT id, house_id, floor_id, slug, name FROM room WHERE house_id = ? ORDER BY name, slug")) {
                query.setLong(1, houseId);
                try (ResultSet rows = query.executeQuery()) {
                    List<Room> rooms = new ArrayList<>();
                    while (rows.next()) {
                        rooms.add(room(rows));
                    }
                    return rooms;
                }
            }
        });
    }

    private static Room room(ResultSet rows) throws SQLException {
        return new Room(rows.getLong(1), rows.getLong(2), SqlSupport.getNullableLong(rows, 3), rows.getString(4),
                rows.getString(5));
    }

    // ------------------------------------------------------------------ devices

    /**
     * Creates the device if missing (its house must exist). An existing device is returned; if it waits in the
     * inbox and {@code roomId} is given it is placed there, and if it was discovered (kind {@code unknown}) it
     * takes the given name and kind.
     */
    public Device ensureDevice(DeviceAddress address, Long roomId, String name, String kind) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        return writer.call(c -> {
            long houseId = houseId(c, address.house());
            if (roomId != null) {
                requireOwned(c, "SELECT house_id FROM room WHERE id = ?", roomId, houseId, "room");
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO device (house_id, topic_room, slug, room_id, name, kind) VALUES (?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (house_id, topic_room, slug) DO UPDATE SET"
                            + " room_id = coalesce(room_id, excluded.room_id),"
                            + " name = CASE WHEN kind = '" + TelemetryWriter.UNKNOWN_KIND + "' THEN excluded.name ELSE name END,"
                            + " kind = CASE WHEN kind = '" + TelemetryWriter.UNKNOWN_KIND + "' THEN excluded.kind ELSE kind END")) {
                insert.setLong(1, houseId);
                insert.setString(2, address.room());
                insert.setString(3, address.device());
                SqlSupport.setNullableLong(insert, 4, roomId);
                insert.setString(5, name);
                insert.setString(6, kind);
                insert.executeUpdate();
            }
            return device(c, address).orElseThrow();
        });
    }

    /** Places a device in a room of its house, or back in the inbox when {@code roomId} is null. */
    public Device placeDevice(long deviceId, Long roomId) {
        return writer.call(c -> {
            Long houseId = null;
            try (PreparedStatement query = c.prepareStatement("SELECT house_id FROM device WHERE id = ?")) {
                query.setLong(1, deviceId);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        houseId = rows.getLong(1);
                    }
                }
            }
            if (houseId == null) {
                throw new StoreException("There is no device with id " + deviceId + ".");
            }
            if (roomId != null) {
                requireOwned(c, "SELECT house_id FROM room WHERE id = ?", roomId, houseId, "room");
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE device SET room_id = ? WHERE id = ?")) {
                SqlSupport.setNullableLong(update, 1, roomId);
                update.setLong(2, deviceId);
                update.executeUpdate();
            }
            try (PreparedStatement query = c.prepareStatement("SELECT " + DEVICE_COLUMNS + " WHERE d.id = ?")) {
                query.setLong(1, deviceId);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return device(rows);
                }
            }
        });
    }

    public Optional<Device> findDevice(DeviceAddress address) {
        return reads.read(c -> device(c, address));
    }

    /** Every device of the house, placed ones and those waiting in the inbox ({@link Device#inInbox()}). */
    public List<Device> listDevices(long houseId) {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT " + DEVICE_COLUMNS + " WHERE d.house_id = ? ORDER BY d.topic_room, d.slug")) {
                query.setLong(1, houseId);
                try (ResultSet rows = query.executeQuery()) {
                    List<Device> devices = new ArrayList<>();
                    while (rows.next()) {
                        devices.add(device(rows));
                    }
                    return devices;
                }
            }
        });
    }

    private static Optional<Device> device(Connection c, DeviceAddress address) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT " + DEVICE_COLUMNS + " WHERE h.slug = ? AND d.topic_room = ? AND d.slug = ?")) {
            query.setString(1, address.house());
            query.setString(2, address.room());
            query.setString(3, address.device());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(device(rows)) : Optional.empty();
            }
        }
    }

    private static Device device(ResultSet rows) throws SQLException {
        Long discovered = SqlSupport.getNullableLong(rows, 9);
        return new Device(rows.getLong(1), rows.getLong(2),
                new DeviceAddress(rows.getString(3), rows.getString(4), rows.getString(5)),
                SqlSupport.getNullableLong(rows, 6), rows.getString(7), rows.getString(8),
                discovered == null ? null : SqlSupport.instant(discovered));
    }

    // ------------------------------------------------------------------ attributes

    /**
     * Creates the attribute if missing, or updates its description (kind, unit, writable, bounds, choices) if it
     * exists. Its device must exist.
     */
    public Attribute ensureAttribute(SeriesPath path, AttributeKind kind, String unit, boolean writable, Double min,
                                     Double max, List<String> choices) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        String choicesJson = encodeChoices(choices);
        return writer.call(c -> {
            Device device = device(c, path.deviceAddress()).orElseThrow(() ->
                    new StoreException("There is no device \"" + path.deviceAddress() + "\"."));
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO attribute (device_id, name, kind, unit, writable, min, max, choices)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, name) DO UPDATE SET"
                            + " kind = excluded.kind, unit = excluded.unit, writable = excluded.writable,"
                            + " min = excluded.min, max = excluded.max, choices = excluded.choices")) {
                insert.setLong(1, device.id());
                insert.setString(2, path.attribute());
                insert.setString(3, kind.code());
                insert.setString(4, unit == null ? "" : unit);
                insert.setInt(5, writable ? 1 : 0);
                SqlSupport.setNullableDouble(insert, 6, min);
                SqlSupport.setNullableDouble(insert, 7, max);
                insert.setString(8, choicesJson);
                insert.executeUpdate();
            }
            return attribute(c, path).orElseThrow();
        });
    }

    public List<Attribute> listAttributes(long deviceId) {
        return reads.read(c -> attributes(c, deviceId));
    }

    static List<Attribute> attributes(Connection c, long deviceId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT " + ATTRIBUTE_COLUMNS + " WHERE a.device_id = ? ORDER BY a.name")) {
            query.setLong(1, deviceId);
            try (ResultSet rows = query.executeQuery()) {
                List<Attribute> attributes = new ArrayList<>();
                while (rows.next()) {
                    attributes.add(attribute(rows));
                }
                return attributes;
            }
        }
    }

    public Optional<Attribute> findAttribute(SeriesPath path) {
        return reads.read(c -> attribute(c, path));
    }

    private static Optional<Attribute> attribute(Connection c, SeriesPath path) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + ATTRIBUTE_COLUMNS
                + " WHERE h.slug = ? AND d.topic_room = ? AND d.slug = ? AND a.name = ?")) {
            query.setString(1, path.house());
            query.setString(2, path.room());
            query.setString(3, path.device());
            query.setString(4, path.attribute());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(attribute(rows)) : Optional.empty();
            }
        }
    }

    private static Attribute attribute(ResultSet rows) throws SQLException {
        AttributeKind kind;
        try {
            kind = AttributeKind.fromCode(rows.getString(7));
        } catch (IllegalArgumentException e) {
            kind = AttributeKind.TEXT;
        }
        return new Attribute(rows.getLong(1), rows.getLong(2),
                new SeriesPath(rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6)),
                kind, rows.getString(8), rows.getInt(9) != 0, SqlSupport.getNullableDouble(rows, 10),
                SqlSupport.getNullableDouble(rows, 11), decodeChoices(rows.getString(12)), rows.getString(13));
    }

    static String encodeChoices(List<String> choices) {
        if (choices == null || choices.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(List.copyOf(choices));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("choices cannot be written as JSON", e);
        }
    }

    private static List<String> decodeChoices(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, STRING_LIST);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static long houseId(Connection c, String slug) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT id FROM house WHERE slug = ?")) {
            query.setString(1, slug);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    return rows.getLong(1);
                }
            }
        }
        throw new StoreException("There is no house \"" + slug + "\".");
    }

    private static void requireHouse(Connection c, long houseId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM house WHERE id = ?")) {
            query.setLong(1, houseId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new StoreException("There is no house with id " + houseId + ".");
                }
            }
        }
    }

    private static void requireOwned(Connection c, String ownerQuery, long id, long houseId, String what)
            throws SQLException {
        try (PreparedStatement query = c.prepareStatement(ownerQuery)) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next() || rows.getLong(1) != houseId) {
                    throw new StoreException("There is no " + what + " with id " + id + " in this house.");
                }
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
}
