package org.domus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.House;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declarations in the writer's batch and the vendor bindings table (migration V004). */
class VendorBindingStoreTest {

    private static final DeviceAddress PLUG = DeviceAddress.vendor("demo", "tasmota-plug");

    @TempDir
    Path dir;

    private Database db;
    private House house;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        house = db.houses().ensureHouse("demo", "Demo", ZoneOffset.UTC);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private WriteOutcome declare(Declaration... declarations) {
        CompletableFuture<WriteOutcome> done = new CompletableFuture<>();
        db.writer().submit(new IngestRecord(List.of(), List.of(declarations), null, done::complete));
        return done.orTimeout(30, TimeUnit.SECONDS).join();
    }

    private static DeviceDeclaration plug(String name, String kind, String spec) {
        return new DeviceDeclaration(PLUG, name, kind, List.of(
                new AttributeDeclaration("power", AttributeKind.ENUM, "", true, null, null, List.of("ON", "OFF")),
                new AttributeDeclaration("watts", AttributeKind.NUMERIC, "W", false, 0.0, 3680.0, null)),
                new VendorBinding("tasmota", "tasmota_plug", PLUG, name, kind, spec));
    }

    @Test
    void createsTheDeviceInTheInboxWithItsAttributesAndBinding() {
        List<Device> discovered = new java.util.concurrent.CopyOnWriteArrayList<>();
        db.writer().addCommitListener((readings, devices) -> discovered.addAll(devices));
        assertTrue(declare(plug("Coffee", "plug", "{}")).committed());
        Device device = db.houses().findDevice(PLUG).orElseThrow();
        assertTrue(device.inInbox());
        assertEquals("Coffee", device.name());
        assertEquals("plug", device.kind());
        // listeners are told after the records' outcomes
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !discovered.isEmpty());
        assertEquals(List.of(device), List.copyOf(discovered));
        Attribute watts = db.houses().findAttribute(PLUG.attribute("watts")).orElseThrow();
        assertEquals("W", watts.unit());
        assertEquals(3680.0, watts.max());
        assertTrue(db.houses().findAttribute(PLUG.attribute("power")).orElseThrow().writable());
        VendorBinding binding = db.vendorBindings().find("demo", "tasmota", "tasmota_plug").orElseThrow();
        assertEquals(PLUG, binding.address());
        assertEquals(binding, db.vendorBindings().findByDevice(PLUG).orElseThrow());
        assertEquals(List.of(binding), db.vendorBindings().listAll());
    }

    @Test
    void refinesOnlyWhatDiscoveryGave() {
        declare(plug("tasmota_plug", "switch", "{}"));
        declare(plug("Coffee", "plug", "{\"v\":2}"));
        assertEquals("Coffee", db.houses().findDevice(PLUG).orElseThrow().name(), "untouched: refined");

        var room = db.houses().ensureRoom(house.id(), null, "kitchen", "Kitchen");
        db.houses().placeDevice(db.houses().findDevice(PLUG).orElseThrow().id(), room.id());
        declare(plug("Kettle", "switch", "{\"v\":3}"));
        Device placed = db.houses().findDevice(PLUG).orElseThrow();
        assertEquals("Coffee", placed.name(), "placed by the user: left alone");
        assertEquals("plug", placed.kind());
        assertEquals(room.id(), placed.roomId());
        assertEquals("{\"v\":3}", db.vendorBindings().find("demo", "tasmota", "tasmota_plug").orElseThrow().spec());
    }

    @Test
    void aDeviceMadeByReadingsTakesTheDeclaredNameAndKind() {
        db.houses().ensureDevice(PLUG, null, "tasmota-plug", "unknown");
        declare(plug("Coffee", "plug", "{}"));
        Device device = db.houses().findDevice(PLUG).orElseThrow();
        assertEquals("Coffee", device.name());
        assertEquals("plug", device.kind());
    }

    @Test
    void removesABindingButKeepsTheDevice() {
        declare(plug("Coffee", "plug", "{}"));
        assertTrue(declare(new VendorBindingRemoval("demo", "tasmota", "tasmota_plug")).committed());
        assertTrue(db.vendorBindings().find("demo", "tasmota", "tasmota_plug").isEmpty());
        assertTrue(db.houses().findDevice(PLUG).isPresent());
    }

    @Test
    void aDeclarationForAnUnknownHouseIsCounted() {
        DeviceAddress elsewhere = DeviceAddress.vendor("elsewhere", "x");
        WriteOutcome outcome = declare(new DeviceDeclaration(elsewhere, "X", "sensor", List.of(), null));
        assertTrue(outcome.committed());
        assertEquals(1, outcome.unknownHouse());
    }
}
