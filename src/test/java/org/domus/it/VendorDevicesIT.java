package org.domus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import org.domus.app.DomusCore;
import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.sim.vendor.VendorAttribute;
import org.domus.sim.vendor.VendorDevice;
import org.domus.sim.vendor.VendorDialect;
import org.domus.sim.vendor.VendorDialects;
import org.domus.sim.vendor.VendorMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real vendor payloads, published by a real MQTT client as a house hub's bridge delivers them
 * ({@code domus/demo/raw/…}), reach the real core: the devices wait in the demo house's inbox, described, with
 * their values.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VendorDevicesIT {

    private static final String RAW = "domus/" + DomusCore.DEMO_HOUSE + "/raw/";

    @TempDir
    Path dataDir;

    private TestCore core;
    private Mqtt3AsyncClient hub;

    @BeforeEach
    void start() {
        core = TestCore.start(dataDir);
        hub = core.houseClient("hub-demo");
    }

    @AfterEach
    void stop() {
        if (core != null) {
            core.close();
        }
    }

    private void publish(String vendorTopic, byte[] payload, boolean retain) {
        hub.publishWith().topic(RAW + vendorTopic).qos(MqttQos.AT_LEAST_ONCE).retain(retain).payload(payload).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    private void publishFixtures(String file) {
        for (String[] message : fixtures(file)) {
            publish(message[0], message[1].getBytes(StandardCharsets.UTF_8), message[0].endsWith("/config"));
        }
    }

    private Device awaitDevice(String slug) {
        DeviceAddress address = DeviceAddress.vendor(DomusCore.DEMO_HOUSE, slug);
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> core.core().store().houses().findDevice(address), Optional::isPresent).orElseThrow();
    }

    private Attribute attribute(String slug, String name) {
        return core.core().store().houses().findAttribute(DeviceAddress.vendor(DomusCore.DEMO_HOUSE, slug)
                .attribute(name)).orElseThrow(() -> new AssertionError("no attribute " + name + " on " + slug));
    }

    private List<String> values(String slug, String attribute) {
        return core.storedValues(DomusCore.DEMO_HOUSE + "/raw/" + slug + "/" + attribute);
    }

    private void awaitValues(String slug, String attribute, List<String> expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> values(slug, attribute), expected::equals);
    }

    @Test
    void homeAssistantDiscoveryDevicesAppearInTheInbox() {
        publishFixtures("homeassistant.messages");

        Device kitchen = awaitDevice("ea334450945afc");
        assertTrue(kitchen.inInbox());
        assertEquals("Kitchen", kitchen.name());
        assertEquals("light", kitchen.kind());
        Attribute power = attribute("ea334450945afc", "power");
        assertEquals(AttributeKind.ENUM, power.kind());
        assertTrue(power.writable());
        awaitValues("ea334450945afc", "color", List.of("#ff6600"));

        Device bedroom = awaitDevice("bedroom01ae");
        assertEquals("Bedroom", bedroom.name());
        assertEquals("°C", attribute("bedroom01ae", "temperature").unit());
        awaitValues("bedroom01ae", "temperature", List.of("23.2"));
        awaitValues("bedroom01ae", "humidity", List.of("43.7"));
        awaitValues("01ad", "motion", List.of("true"));
    }

    @Test
    void tasmotaShellyAndZigbee2MqttDevicesAppearInTheInbox() {
        publishFixtures("tasmota.messages");
        publishFixtures("shelly.messages");
        publishFixtures("zigbee2mqtt-bridge-devices.messages");

        assertEquals("switch", awaitDevice("tasmota-switch").kind());
        awaitValues("tasmota-switch", "power", List.of("OFF", "OFF", "ON", "ON"));
        awaitValues("tasmota-plug", "energy", List.of("381.701"));
        assertEquals("kWh", attribute("tasmota-plug", "energy").unit());

        Device shelly = awaitDevice("shellyplus1pm-a8032ab636ec");
        assertTrue(shelly.inInbox());
        awaitValues("shellyplus1pm-a8032ab636ec", "status", List.of("online"));
        awaitValues("shellyplus1pm-a8032ab636ec", "voltage", List.of("123.3"));

        Device valve = awaitDevice("radiator-valve");
        assertEquals("thermostat", valve.kind());
        Attribute setpoint = attribute("radiator-valve", "setpoint");
        assertTrue(setpoint.writable());
        assertEquals(5.0, setpoint.min());
        assertEquals(30.0, setpoint.max());
        awaitValues("radiator-valve", "setpoint", List.of("21.5"));
        awaitValues("hall-front-door", "contact", List.of("closed"));
        awaitValues("ikea-bulb", "brightness", List.of("85"));
    }

    @Test
    void aSimulatedZigbeePlugIsDiscovered() {
        VendorDialect dialect = VendorDialects.byName("zigbee2mqtt").orElseThrow();
        VendorDevice plug = new VendorDevice(DomusCore.DEMO_HOUSE, "desk_plug", "Desk plug", "smart-plug", List.of(
                new VendorAttribute("power", "enum", "", true, null, null, List.of("ON", "OFF")),
                new VendorAttribute("watts", "numeric", "W", false, null, null, null),
                new VendorAttribute("energy", "numeric", "kWh", false, null, null, null)));
        for (VendorMessage message : dialect.onConnect(plug, Map.of("power", "ON", "watts", 35.0, "energy", 2.5))) {
            publish(message.topic().substring(RAW.length()), message.payload(), message.retain());
        }
        Device device = awaitDevice("desk-plug");
        assertEquals("plug", device.kind());
        assertTrue(attribute("desk-plug", "power").writable());
        awaitValues("desk-plug", "power", List.of("ON"));
        awaitValues("desk-plug", "watts", List.of("35"));
        awaitValues("desk-plug", "status", List.of("online"));
    }

    @Test
    void aSimulatedZigbeePlugObeysACommandInItsOwnShape() {
        VendorDialect dialect = VendorDialects.byName("zigbee2mqtt").orElseThrow();
        VendorDevice plug = new VendorDevice(DomusCore.DEMO_HOUSE, "desk_plug", "Desk plug", "smart-plug", List.of(
                new VendorAttribute("power", "enum", "", true, null, null, List.of("ON", "OFF")),
                new VendorAttribute("watts", "numeric", "W", false, null, null, null)));
        Map<String, Object> state = new java.util.concurrent.ConcurrentHashMap<>(Map.of("power", "ON", "watts", 35.0));
        Mqtt3AsyncClient device = core.houseClient("sim-desk-plug");
        for (String filter : dialect.commandFilters(plug)) {
            device.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).callback(publish -> {
                byte[] payload = publish.getPayloadAsBytes();
                dialect.parseCommand(plug, publish.getTopic().toString(), payload, state).ifPresent(change -> {
                    state.putAll(change);
                    for (VendorMessage answer : dialect.onChange(plug, state, change.keySet())) {
                        device.publishWith().topic(answer.topic()).qos(MqttQos.AT_LEAST_ONCE)
                                .payload(answer.payload()).send();
                    }
                });
            }).send().orTimeout(10, TimeUnit.SECONDS).join();
        }
        for (VendorMessage message : dialect.onConnect(plug, state)) {
            publish(message.topic().substring(RAW.length()), message.payload(), message.retain());
        }
        awaitValues("desk-plug", "power", List.of("ON"));

        var sent = core.core().commands().send(DeviceAddress.vendor(DomusCore.DEMO_HOUSE, "desk-plug")
                .attribute("power"), "OFF", org.domus.command.SendOptions.from("test"));
        org.domus.model.Command done = sent.outcome().orTimeout(30, TimeUnit.SECONDS).join();
        assertEquals(org.domus.model.CommandState.CONFIRMED, done.state(), done.reason());
        assertEquals("OFF", state.get("power"));
        awaitValues("desk-plug", "power", List.of("ON", "OFF"));
    }

    /** The fixture blocks of {@code src/test/resources/vendor/<file>}: topic, payload. */
    private static List<String[]> fixtures(String file) {
        try (InputStream in = VendorDevicesIT.class.getResourceAsStream("/vendor/" + file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String[]> out = new ArrayList<>();
            for (String block : text.split("\\n\\s*\\n")) {
                String stripped = block.strip();
                if (stripped.isEmpty()) {
                    continue;
                }
                int newline = stripped.indexOf('\n');
                out.add(newline < 0 ? new String[] {stripped, ""}
                        : new String[] {stripped.substring(0, newline).strip(), stripped.substring(newline + 1).strip()});
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
