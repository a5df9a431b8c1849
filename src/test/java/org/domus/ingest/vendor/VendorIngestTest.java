package org.domus.ingest.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.domus.ingest.TopicParser;
import org.domus.ingest.TopicRoute;
import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.House;
import org.domus.model.InboundMessage;
import org.domus.model.InboundOutcome;
import org.domus.model.OutboundMessage;
import org.domus.model.Room;
import org.domus.store.Database;
import org.domus.store.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Vendor messages through VendorIngest into a real store: inbox devices, late outcomes, restart, duplicates. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VendorIngestTest {

    @TempDir
    Path dir;

    private Database db;
    private House house;
    private VendorIngest ingest;
    private final AtomicInteger packetIds = new AtomicInteger();

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        house = db.houses().ensureHouse("demo", "Demo", ZoneOffset.UTC);
        ingest = new VendorIngest(db.writer(), db.vendorBindings());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void reopen() {
        db.close();
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        ingest = new VendorIngest(db.writer(), db.vendorBindings());
    }

    private InboundOutcome send(String vendorTopic, String payload) {
        return send(message(vendorTopic, payload, packetIds.incrementAndGet(), false));
    }

    private static InboundMessage message(String vendorTopic, String payload, int packetId, boolean redelivery) {
        return new InboundMessage("hub-demo", "demo", "domus/demo/raw/" + vendorTopic,
                payload.getBytes(StandardCharsets.UTF_8), 1, false, packetId, redelivery, Instant.now());
    }

    private InboundOutcome send(InboundMessage message) {
        TopicRoute.Raw raw = (TopicRoute.Raw) TopicParser.parse(message.topic());
        CompletableFuture<InboundOutcome> outcome = new CompletableFuture<>();
        ingest.accept(message, raw, outcome::complete);
        return outcome.orTimeout(30, TimeUnit.SECONDS).join();
    }

    private void sendFile(String file) {
        for (VendorFixtures.Message m : VendorFixtures.load(file)) {
            InboundOutcome outcome = send(m.topic(), m.payload());
            assertTrue(outcome.acknowledge(), m.topic() + ": " + outcome);
        }
    }

    private List<String> stored(DeviceAddress device, String attribute) {
        List<String> values = new ArrayList<>();
        db.history().streamReadings(device.attribute(attribute), null, null, (ts, value) -> values.add(value));
        return values;
    }

    private Attribute attribute(DeviceAddress device, String name) {
        return db.houses().findAttribute(device.attribute(name)).orElseThrow(() -> new AssertionError("no " + name));
    }

    @Test
    void discoveredDevicesWaitInTheInboxDescribed() {
        sendFile("homeassistant.messages");
        DeviceAddress kitchen = DeviceAddress.vendor("demo", "ea334450945afc");
        Device device = db.houses().findDevice(kitchen).orElseThrow();
        assertTrue(device.inInbox());
        assertEquals("Kitchen", device.name());
        assertEquals("light", device.kind());
        Attribute power = attribute(kitchen, "power");
        assertEquals(AttributeKind.ENUM, power.kind());
        assertTrue(power.writable());
        assertEquals(List.of("ON", "OFF"), power.choices());
        assertEquals(List.of("ON", "ON"), stored(kitchen, "power"));
        assertEquals(List.of("#ff6600"), stored(kitchen, "color"));

        DeviceAddress bedroom = DeviceAddress.vendor("demo", "bedroom01ae");
        assertEquals("°C", attribute(bedroom, "temperature").unit());
        assertEquals(List.of("23.2"), stored(bedroom, "temperature"));
        assertEquals(4, db.houses().listDevices(house.id()).stream().filter(d -> d.address().isVendor()).count());
    }

    @Test
    void malformedPayloadsAreRefusedAndCounted() {
        InboundOutcome bad = send("tele/tasmota_1/SENSOR", "{\"Time\":");
        assertEquals(InboundOutcome.Kind.REFUSED, bad.kind());
        assertTrue(bad.reason().startsWith("malformed JSON"), bad.reason());
        assertEquals(InboundOutcome.Kind.REFUSED, send("tele/tasmota_1/LWT", "Maybe").kind());
        assertEquals(2, ingest.malformed());
        assertEquals(InboundOutcome.Kind.IGNORED, send("somewhere/else", "1").kind());
        assertEquals(1, ingest.ignored());
        assertTrue(db.houses().listDevices(house.id()).stream().noneMatch(d -> d.address().isVendor()));
    }

    @Test
    void bindingsSurviveARestart() {
        sendFile("homeassistant.messages");
        reopen();
        assertEquals(4, ingest.knownDevices());
        // the state topic announced before the restart is still read
        assertEquals(InboundOutcome.Kind.STORED, send("homeassistant/switch/irrigation/state", "OFF").kind());
        assertEquals(List.of("ON", "OFF"), stored(DeviceAddress.vendor("demo", "garden01ad"), "power"));
        OutboundMessage command = ingest.commands().route(DeviceAddress.vendor("demo", "garden01ad")
                .attribute("power"), AttributeKind.ENUM, "ON").orElseThrow();
        assertEquals("domus/demo/raw/homeassistant/switch/irrigation/set", command.topic());
        assertEquals("ON", new String(command.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void discoveryRefinesAnUntouchedDeviceButNeverAPlacedOne() {
        send("stat/tasmota_plug/POWER", "ON");
        DeviceAddress plug = DeviceAddress.vendor("demo", "tasmota-plug");
        assertEquals("switch", db.houses().findDevice(plug).orElseThrow().kind());
        send("tele/tasmota_plug/SENSOR", "{\"ENERGY\":{\"Total\":1.5,\"Power\":40}}");
        assertEquals("plug", db.houses().findDevice(plug).orElseThrow().kind(), "still as discovered: refined");

        Room office = db.houses().ensureRoom(house.id(), null, "office", "Office");
        Device placed = db.houses().placeDevice(db.houses().findDevice(plug).orElseThrow().id(), office.id());
        send("tasmota/discovery/AABBCCDDEEFF/config", "{\"dn\":\"Coffee machine\",\"t\":\"tasmota_plug\",\"rl\":[1]}");
        Device after = db.houses().findDevice(plug).orElseThrow();
        assertEquals(office.id(), after.roomId());
        assertEquals(placed.name(), after.name(), "a placed device keeps its name");
        assertEquals(List.of("40"), stored(plug, "watts"));
    }

    @Test
    void aRedeliveryIsStoredOnce() {
        InboundMessage first = message("stat/tasmota_switch/POWER", "ON", 7, false);
        assertEquals(InboundOutcome.Kind.STORED, send(first).kind());
        assertEquals(InboundOutcome.Kind.DUPLICATE, send(message("stat/tasmota_switch/POWER", "ON", 7, true)).kind());
        assertEquals(List.of("ON"), stored(DeviceAddress.vendor("demo", "tasmota-switch"), "power"));
    }

    @Test
    void anUnknownHouseIsRefused() {
        InboundMessage message = new InboundMessage("hub-x", "nowhere", "domus/nowhere/raw/stat/t1/POWER",
                "ON".getBytes(StandardCharsets.UTF_8), 1, false, 1, false, Instant.now());
        CompletableFuture<InboundOutcome> outcome = new CompletableFuture<>();
        ingest.accept(message, (TopicRoute.Raw) TopicParser.parse(message.topic()), outcome::complete);
        InboundOutcome result = outcome.orTimeout(30, TimeUnit.SECONDS).join();
        assertEquals(InboundOutcome.Kind.REFUSED, result.kind());
        assertFalse(db.vendorBindings().find("nowhere", "tasmota", "t1").isPresent());
    }
}
