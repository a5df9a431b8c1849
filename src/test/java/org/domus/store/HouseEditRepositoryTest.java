package org.domus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.Floor;
import org.domus.model.House;
import org.domus.model.InvalidModelException;
import org.domus.model.ModelProblem;
import org.domus.model.Reading;
import org.domus.model.Room;
import org.domus.model.SeriesPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing the house model, on a real SQLite file. */
class HouseEditRepositoryTest {

    private static final SeriesPath TEMPERATURE = SeriesPath.parse("villa/kitchen/sensor/temperature");
    private static final SeriesPath HUMIDITY = SeriesPath.parse("villa/kitchen/sensor/humidity");

    @TempDir
    Path dir;
    Database db;
    HouseEditRepository edits;
    House villa;
    Room kitchen;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        edits = db.houseEdits();
        villa = edits.createHouse("villa", "Villa", ZoneId.of("Europe/Madrid"));
        kitchen = edits.createRoom(villa.id(), null, "kitchen", "Kitchen");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void refusesASecondHouseWithTheSameSlug() {
        InvalidModelException refused = assertThrows(InvalidModelException.class,
                () -> edits.createHouse("villa", "Other", ZoneOffset.UTC));
        assertEquals(ModelProblem.HOUSE_EXISTS, refused.problem());
        assertEquals("There is already a house with the short name \"villa\".", refused.getMessage());
        assertEquals(List.of(villa), db.houses().listHouses());
    }

    @Test
    void refusesBadSlugsAndNamesWithOneSentence() {
        assertProblem(ModelProblem.SLUG_INVALID, () -> edits.createHouse("Villa", "Villa", ZoneOffset.UTC));
        assertProblem(ModelProblem.SLUG_INVALID, () -> edits.createHouse("-villa", "Villa", ZoneOffset.UTC));
        assertProblem(ModelProblem.SLUG_INVALID, () -> edits.createHouse("vil la", "Villa", ZoneOffset.UTC));
        assertProblem(ModelProblem.SLUG_INVALID, () -> edits.createHouse("a/#", "Villa", ZoneOffset.UTC));
        assertProblem(ModelProblem.SLUG_EMPTY, () -> edits.createHouse("", "Villa", ZoneOffset.UTC));
        assertProblem(ModelProblem.SLUG_TOO_LONG, () -> edits.createHouse("a".repeat(64), "Villa", ZoneOffset.UTC));
        assertProblem(ModelProblem.SLUG_RESERVED, () -> edits.createRoom(villa.id(), null, "hub", "Hub"));
        assertProblem(ModelProblem.SLUG_RESERVED, () -> edits.createRoom(villa.id(), null, "raw", "Raw"));
        assertProblem(ModelProblem.NAME_EMPTY, () -> edits.createRoom(villa.id(), null, "hall", "  "));
        assertProblem(ModelProblem.NAME_TOO_LONG, () -> edits.renameRoom(kitchen.id(), "x".repeat(81)));
        assertProblem(ModelProblem.ROOM_EXISTS, () -> edits.createRoom(villa.id(), null, "kitchen", "Kitchen 2"));
        assertEquals(63, edits.createHouse("a".repeat(63), "Long", ZoneOffset.UTC).slug().length());
    }

    @Test
    void renamesAHouseButKeepsItsSlug() {
        House renamed = edits.updateHouse(villa.id(), "  Villa Rosa ", ZoneId.of("Europe/Lisbon"));
        assertEquals(new House(villa.id(), "villa", "Villa Rosa", ZoneId.of("Europe/Lisbon")), renamed);
        assertEquals(renamed, db.houses().findHouse("villa").orElseThrow());
    }

    @Test
    void movesRoomsBetweenFloorsOfTheirHouseOnly() {
        Floor ground = edits.createFloor(villa.id(), "Ground", 0);
        Floor upstairs = edits.createFloor(villa.id(), "Upstairs", 1);
        Room moved = edits.moveRoom(kitchen.id(), upstairs.id());
        assertEquals(upstairs.id(), moved.floorId());
        assertEquals(ground.id(), edits.moveRoom(kitchen.id(), ground.id()).floorId());
        assertNull(edits.moveRoom(kitchen.id(), null).floorId());

        House cabin = edits.createHouse("cabin", "Cabin", ZoneOffset.UTC);
        Floor cabinFloor = edits.createFloor(cabin.id(), "Only", 0);
        assertProblem(ModelProblem.OTHER_HOUSE, () -> edits.moveRoom(kitchen.id(), cabinFloor.id()));
        assertProblem(ModelProblem.NOT_FOUND, () -> edits.moveRoom(kitchen.id(), 9999L));

        Floor renamed = edits.updateFloor(upstairs.id(), "First floor", 2);
        assertEquals(new Floor(upstairs.id(), villa.id(), "First floor", 2), renamed);
    }

    @Test
    void deletingAFloorKeepsItsRooms() {
        Floor ground = edits.createFloor(villa.id(), "Ground", 0);
        edits.moveRoom(kitchen.id(), ground.id());
        DeletionImpact impact = edits.floorImpact(ground.id());
        assertEquals(1, impact.rooms());
        assertEquals(List.of("Kitchen"), impact.roomNames());
        assertTrue(impact.losesNoData());

        assertEquals(impact, edits.deleteFloor(ground.id()));
        assertNull(edits.findRoom(kitchen.id()).orElseThrow().floorId());
        assertTrue(edits.findFloor(ground.id()).isEmpty());
    }

    @Test
    void movingADeviceKeepsItsTopicAddressAndItsSeries() {
        Device sensor = sensorWithReadings(3);
        Room hall = edits.createRoom(villa.id(), null, "hall", "Hall");
        Device moved = edits.moveDevice(sensor.id(), hall.id());

        assertEquals(hall.id(), moved.roomId());
        assertEquals(new DeviceAddress("villa", "kitchen", "sensor"), moved.address());
        long series = db.houses().findAttribute(TEMPERATURE).orElseThrow().id();
        Fixtures.write(db.writer(), Fixtures.number(TEMPERATURE, Instant.now(), 22.0, false));
        assertEquals(4, count("SELECT count(*) FROM telemetry WHERE series = " + series));
        assertEquals(List.of(moved), db.houses().listDevices(villa.id()));

        assertTrue(edits.moveDevice(sensor.id(), null).inInbox());
        House cabin = edits.createHouse("cabin", "Cabin", ZoneOffset.UTC);
        Room porch = edits.createRoom(cabin.id(), null, "porch", "Porch");
        assertProblem(ModelProblem.OTHER_HOUSE, () -> edits.moveDevice(sensor.id(), porch.id()));
    }

    @Test
    void deletingARoomSendsItsDevicesBackToTheInboxWithTheirTelemetry() {
        Device sensor = sensorWithReadings(5);
        DeletionImpact impact = edits.roomImpact(kitchen.id());
        assertEquals(1, impact.devicesMoved());
        assertEquals(List.of("Sensor"), impact.deviceNames());
        assertTrue(impact.losesNoData());

        assertEquals(impact, edits.deleteRoom(kitchen.id(), null));
        assertTrue(edits.findRoom(kitchen.id()).isEmpty());
        assertTrue(edits.findDevice(sensor.id()).orElseThrow().inInbox());
        assertEquals(10, count("SELECT count(*) FROM telemetry"));
    }

    @Test
    void deletingARoomCanMoveItsDevicesIntoAnotherRoom() {
        Device sensor = sensorWithReadings(1);
        Room hall = edits.createRoom(villa.id(), null, "hall", "Hall");
        edits.deleteRoom(kitchen.id(), hall.id());
        assertEquals(hall.id(), edits.findDevice(sensor.id()).orElseThrow().roomId());
        assertProblem(ModelProblem.NOT_FOUND, () -> edits.deleteRoom(hall.id(), hall.id()));
    }

    @Test
    void deletingADeviceSaysWhatGoesAndRemovesItsTelemetryAndRollups() {
        Device sensor = sensorWithReadings(4);
        Device lamp = edits.createDevice(villa.id(), kitchen.id(), "kitchen", "lamp", "Lamp", "light");
        SeriesPath lampOn = lamp.address().attribute("on");
        Fixtures.write(db.writer(), Fixtures.number(lampOn, Instant.now(), 1, false));

        DeletionImpact impact = edits.deviceImpact(sensor.id());
        assertEquals(new DeletionImpact("Sensor", 0, 0, 1, 2, 8, 0, List.of("Sensor"), List.of(), 0), impact);
        assertFalse(impact.losesNoData());

        assertEquals(impact, edits.deleteDevice(sensor.id()));
        assertTrue(edits.findDevice(sensor.id()).isEmpty());
        long lampSeries = db.houses().findAttribute(lampOn).orElseThrow().id();
        assertEquals(1, count("SELECT count(*) FROM telemetry"));
        assertEquals(0, count("SELECT count(*) FROM telemetry WHERE series <> " + lampSeries));
        assertEquals(0, count("SELECT count(*) FROM rollup_minute WHERE series <> " + lampSeries));
        assertEquals(0, count("SELECT count(*) FROM rollup_hour WHERE series <> " + lampSeries));
        assertEquals(1, count("SELECT count(*) FROM rollup_hour WHERE series = " + lampSeries));
    }

    @Test
    void aDeletedDeviceThatPublishesAgainComesBackToTheInboxAsANewDevice() {
        Device sensor = sensorWithReadings(2);
        long oldSeries = db.houses().findAttribute(TEMPERATURE).orElseThrow().id();
        edits.deleteDevice(sensor.id());

        Fixtures.write(db.writer(), Fixtures.number(TEMPERATURE, Instant.now(), 30.0, false));
        Device back = db.houses().findDevice(sensor.address()).orElseThrow();
        // SQLite may give it the old id again: its old series are gone, so nothing mixes.
        assertTrue(back.inInbox());
        assertNotEquals(null, back.discoveredAt());
        assertEquals("unknown", back.kind());
        long newSeries = db.houses().findAttribute(TEMPERATURE).orElseThrow().id();
        assertEquals(1, count("SELECT count(*) FROM telemetry"));
        assertEquals(1, count("SELECT count(*) FROM telemetry WHERE series = " + newSeries));
        assertEquals(0, count("SELECT count(*) FROM telemetry WHERE series = " + oldSeries
                + " AND series <> " + newSeries));
    }

    @Test
    void readingsQueuedAroundADeletionLeaveNoOrphanRows() throws Exception {
        Device sensor = sensorWithReadings(1);
        // Readings and the deletion race into the writer's batches: whatever lands in the same batch as the
        // deletion, no reading may be left on a series that no attribute has.
        List<CompletableFuture<WriteOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            CompletableFuture<WriteOutcome> done = new CompletableFuture<>();
            db.writer().submit(new IngestRecord(List.of(Fixtures.number(TEMPERATURE, Instant.now(), i, false)),
                    null, done::complete));
            outcomes.add(done);
        }
        edits.deleteDevice(sensor.id());
        for (CompletableFuture<WriteOutcome> done : outcomes) {
            assertTrue(done.get(30, TimeUnit.SECONDS).committed());
        }
        assertEquals(0, count("SELECT count(*) FROM telemetry WHERE series NOT IN (SELECT id FROM attribute)"));
        assertEquals(0, count("SELECT count(*) FROM rollup_minute WHERE series NOT IN (SELECT id FROM attribute)"));
        assertEquals(0, count("SELECT count(*) FROM rollup_hour WHERE series NOT IN (SELECT id FROM attribute)"));
    }

    @Test
    void deletingAHouseRemovesEverythingInItButCountsItsLogins() {
        sensorWithReadings(3);
        edits.createFloor(villa.id(), "Ground", 0);
        db.credentials().put(new MqttCredential("villa-hub", "villa", "$argon2id$x", MqttCredential.ROLE_HOUSE));
        House cabin = edits.createHouse("cabin", "Cabin", ZoneOffset.UTC);
        Device lamp = edits.createDevice(cabin.id(), null, "porch", "lamp", "Lamp", "light");
        Fixtures.write(db.writer(), Fixtures.number(lamp.address().attribute("on"), Instant.now(), 1, false));

        DeletionImpact impact = edits.houseImpact(villa.id());
        assertEquals(new DeletionImpact("Villa", 1, 1, 1, 2, 6, 0, List.of("Sensor"), List.of("Kitchen"), 1), impact);
        assertEquals(impact, edits.deleteHouse(villa.id()));

        assertEquals(List.of(cabin), db.houses().listHouses());
        assertEquals(1, count("SELECT count(*) FROM telemetry"));
        assertEquals(1, count("SELECT count(*) FROM device"));
        assertEquals(0, count("SELECT count(*) FROM room"));
        assertEquals(0, count("SELECT count(*) FROM floor"));
        assertTrue(db.credentials().find("villa-hub").isPresent());
    }

    @Test
    void createsADeviceByHandAndRefusesATakenAddress() {
        Device lamp = edits.createDevice(villa.id(), kitchen.id(), "kitchen", "lamp", "Lamp", "light");
        assertEquals(new DeviceAddress("villa", "kitchen", "lamp"), lamp.address());
        assertEquals(kitchen.id(), lamp.roomId());
        assertProblem(ModelProblem.DEVICE_EXISTS,
                () -> edits.createDevice(villa.id(), null, "kitchen", "lamp", "Lamp again", "light"));
        assertProblem(ModelProblem.SLUG_RESERVED,
                () -> edits.createDevice(villa.id(), null, "hub", "lamp", "Lamp", "light"));
        assertEquals("Kitchen lamp", edits.renameDevice(lamp.id(), "Kitchen lamp").name());
        Device described = edits.updateDevice(lamp.id(), "Kitchen lamp", " dimmer ");
        assertEquals("dimmer", described.kind());
        assertEquals("unknown", edits.updateDevice(lamp.id(), "Kitchen lamp", "").kind());
    }

    @Test
    void theUsersLabelAndUnitSurviveTheDeviceDescribingItselfAgain() {
        sensorWithReadings(1);
        Attribute temperature = db.houses().findAttribute(TEMPERATURE).orElseThrow();
        Attribute edited = edits.updateAttribute(temperature.id(), "Air temperature", "°F");
        assertEquals("Air temperature", edited.displayName());
        assertEquals("°F", edited.unit());

        db.houses().ensureAttribute(TEMPERATURE, AttributeKind.NUMERIC, "°C", false, null, null, null);
        Attribute after = db.houses().findAttribute(TEMPERATURE).orElseThrow();
        assertEquals("°F", after.unit());
        assertEquals("Air temperature", after.label());
        assertEquals("°C", edits.declaredUnit(temperature.id()));

        Attribute cleared = edits.updateAttribute(temperature.id(), "", null);
        assertEquals("temperature", cleared.displayName());
        assertEquals("°C", cleared.unit());
        assertProblem(ModelProblem.UNIT_TOO_LONG, () -> edits.updateAttribute(temperature.id(), "", "x".repeat(17)));
    }

    @Test
    void settingsPersistAcrossAReopen() {
        db.settings().put("installer.pin", "hash-1");
        db.settings().put("installer.pin", "hash-2");
        db.close();
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        assertEquals("hash-2", db.settings().get("installer.pin").orElseThrow());
        assertTrue(db.settings().remove("installer.pin"));
        assertTrue(db.settings().get("installer.pin").isEmpty());
    }

    /** The kitchen sensor with {@code n} readings of each of its two attributes. */
    private Device sensorWithReadings(int n) {
        Device sensor = edits.createDevice(villa.id(), kitchen.id(), "kitchen", "sensor", "Sensor", "sensor");
        Instant start = Instant.parse("2026-11-30T10:00:00Z");
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            readings.add(Fixtures.number(TEMPERATURE, start.plusSeconds(90L * i), 20 + i, true));
            readings.add(Fixtures.number(HUMIDITY, start.plusSeconds(90L * i), 50 + i, true));
        }
        Fixtures.write(db.writer(), null, readings);
        return sensor;
    }

    private long count(String sql) {
        return db.writer().execute(c -> {
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }).join();
    }

    private static void assertProblem(ModelProblem expected, Runnable edit) {
        InvalidModelException refused = assertThrows(InvalidModelException.class, edit::run);
        assertEquals(expected, refused.problem(), refused.getMessage());
        assertTrue(refused.getMessage().endsWith(".") && !refused.getMessage().contains("\n"), refused.getMessage());
    }
}
