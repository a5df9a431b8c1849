package org.domus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.Event;
import org.domus.model.Floor;
import org.domus.model.House;
import org.domus.model.Room;
import org.domus.model.SeriesPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoriesTest {

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void ensuresHouseOnce() {
        House first = db.houses().ensureHouse("villa", "Villa", ZoneId.of("Europe/Paris"));
        House again = db.houses().ensureHouse("villa", "Other name", ZoneId.of("UTC"));

        assertEquals(first, again);
        assertEquals(List.of(first), db.houses().listHouses());
        assertEquals(first, db.houses().findHouse("villa").orElseThrow());
        assertTrue(db.houses().findHouse("nope").isEmpty());
    }

    @Test
    void buildsHouseModel() {
        House villa = db.houses().ensureHouse("villa", "Villa", ZoneId.of("UTC"));
        Floor ground = db.houses().addFloor(villa.id(), "Ground", 0);
        Floor upstairs = db.houses().addFloor(villa.id(), "Upstairs", 1);
        Room kitchen = db.houses().ensureRoom(villa.id(), ground.id(), "kitchen", "Kitchen");
        Room bedroom = db.houses().ensureRoom(villa.id(), upstairs.id(), "bedroom", "Bedroom");
        assertEquals(kitchen, db.houses().ensureRoom(villa.id(), null, "kitchen", "Renamed"));

        Device lamp = db.houses().ensureDevice(new DeviceAddress("villa", "kitchen", "lamp"), kitchen.id(), "Lamp", "light");
        Attribute on = db.houses().ensureAttribute(new SeriesPath("villa", "kitchen", "lamp", "on"),
                AttributeKind.BOOLEAN, "", true, null, null, null);
        Attribute level = db.houses().ensureAttribute(new SeriesPath("villa", "kitchen", "lamp", "level"),
                AttributeKind.NUMERIC, "%", true, 0.0, 100.0, null);
        Attribute scene = db.houses().ensureAttribute(new SeriesPath("villa", "kitchen", "lamp", "scene"),
                AttributeKind.ENUM, "", true, null, null, List.of("relax", "read"));

        assertEquals(List.of(ground, upstairs), db.houses().listFloors(villa.id()));
        assertEquals(List.of(bedroom, kitchen), db.houses().listRooms(villa.id()));
        assertEquals(List.of(lamp), db.houses().listDevices(villa.id()));
        assertEquals(kitchen.id(), lamp.roomId());
        assertNull(lamp.discoveredAt());
        assertEquals(List.of(level, on, scene), db.houses().listAttributes(lamp.id()));
        assertEquals(List.of("relax", "read"), db.houses().findAttribute(scene.path()).orElseThrow().choices());
        assertEquals(100.0, level.max());
        assertEquals(lamp.id(), level.deviceId());
    }

    @Test
    void updatesAttributeDescription() {
        House villa = db.houses().ensureHouse("villa", "Villa", ZoneId.of("UTC"));
        db.houses().ensureDevice(new DeviceAddress("villa", "hall", "thermo"), null, "Thermo", "thermostat");
        SeriesPath path = new SeriesPath("villa", "hall", "thermo", "temperature");
        Attribute first = db.houses().ensureAttribute(path, AttributeKind.NUMERIC, "", false, null, null, null);
        Attribute second = db.houses().ensureAttribute(path, AttributeKind.NUMERIC, "°C", false, null, null, null);

        assertEquals(first.id(), second.id());
        assertEquals("°C", db.houses().findAttribute(path).orElseThrow().unit());
        assertEquals(1, db.houses().listAttributes(first.deviceId()).size());
        assertTrue(db.houses().listDevices(villa.id()).getFirst().inInbox());
    }

    @Test
    void placesDiscoveredDevice() {
        House villa = db.houses().ensureHouse("villa", "Villa", ZoneId.of("UTC"));
        Room hall = db.houses().ensureRoom(villa.id(), null, "hall", "Hall");
        Fixtures.write(db.writer(), Fixtures.number(SeriesPath.parse("villa/hall/plug/power"), Instant.now(), 5, false));
        Device discovered = db.houses().listDevices(villa.id()).getFirst();
        assertTrue(discovered.inInbox());

        Device placed = db.houses().ensureDevice(discovered.address(), hall.id(), "Plug", "plug");

        assertEquals(discovered.id(), placed.id());
        assertEquals(hall.id(), placed.roomId());
        assertEquals("Plug", placed.name());
        assertEquals(discovered.discoveredAt(), placed.discoveredAt());
        assertTrue(db.houses().placeDevice(placed.id(), null).inInbox());
    }

    @Test
    void refusesDeviceOfUnknownHouse() {
        StoreException e = assertThrows(StoreException.class, () -> db.houses().ensureDevice(
                new DeviceAddress("nowhere", "hall", "plug"), null, "Plug", "plug"));
        assertEquals("There is no house \"nowhere\".", e.getMessage());
        assertThrows(StoreException.class, () -> db.houses().ensureAttribute(
                SeriesPath.parse("nowhere/hall/plug/power"), AttributeKind.NUMERIC, "W", false, null, null, null));
    }

    @Test
    void managesCredentials() {
        PasswordHasher hasher = new PasswordHasher(64, 1, 1);
        MqttCredential hub = new MqttCredential("hub-villa", "villa", hasher.hash("s3cret".toCharArray()), "house");
        MqttCredential console = new MqttCredential("console", null, hasher.hash("x".toCharArray()), "console");

        db.credentials().put(hub);
        db.credentials().put(console);
        assertEquals(List.of(console, hub), db.credentials().list());
        assertEquals(hub, db.credentials().find("hub-villa").orElseThrow());

        MqttCredential rotated = new MqttCredential("hub-villa", "villa", hasher.hash("new".toCharArray()), "house");
        db.credentials().put(rotated);
        assertTrue(hasher.verify("new".toCharArray(), db.credentials().find("hub-villa").orElseThrow().passwordHash()));
        assertEquals(2, db.credentials().list().size());

        assertTrue(db.credentials().delete("hub-villa"));
        assertFalse(db.credentials().delete("hub-villa"));
        assertTrue(db.credentials().find("hub-villa").isEmpty());
    }

    @Test
    void recordsEventsByTraceAndRecency() {
        Instant t = Instant.parse("2025-05-01T12:00:00Z");
        db.events().append(new Event(0, t, "command.sent", "villa", "villa/hall/lamp/on", "trace-1", "ON"));
        db.events().append(new Event(0, t.plusSeconds(1), "command.confirmed", "villa", "villa/hall/lamp/on", "trace-1", ""));
        db.events().append(new Event(0, t.plusSeconds(2), "device.online", "villa", "villa/hall/lamp", null, null));

        await().atMost(Duration.ofSeconds(5)).until(() -> db.events().recent(10).size() == 3);
        List<Event> trace = db.events().byTrace("trace-1");
        assertEquals(List.of("command.sent", "command.confirmed"), trace.stream().map(Event::type).toList());
        assertEquals(t, trace.getFirst().timestamp());
        assertEquals(List.of("device.online", "command.confirmed"),
                db.events().recent(2).stream().map(Event::type).toList());
        assertTrue(db.events().byTrace("other").isEmpty());
    }

    @Test
    void findsTheEventsOfADeviceAndItsAttributes() {
        Instant t = Instant.parse("2025-05-01T12:00:00Z");
        db.events().append(new Event(0, t, "device.discovered", "villa", "villa/hall/lamp", null, ""));
        db.events().append(new Event(0, t.plusSeconds(1), "command.sent", "villa", "villa/hall/lamp/on", "t-1", ""));
        db.events().append(new Event(0, t.plusSeconds(2), "command.sent", "villa", "villa/hall/lamp-2/on", "t-2", ""));
        db.events().append(new Event(0, t.plusSeconds(3), "command.sent", "villa", "villa/hall/lamp_x/on", "t-3", ""));

        await().atMost(Duration.ofSeconds(5)).until(() -> db.events().recent(10).size() == 4);
        assertEquals(List.of("command.sent", "device.discovered"),
                db.events().aboutSubject("villa/hall/lamp", 10).stream().map(Event::type).toList());
        assertEquals(1, db.events().aboutSubject("villa/hall/lamp", 1).size());
        assertEquals(List.of("t-3"), db.events().aboutSubject("villa/hall/lamp_x", 10).stream()
                .map(Event::traceId).toList());
    }
}
