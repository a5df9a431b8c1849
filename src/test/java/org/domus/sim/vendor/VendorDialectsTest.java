package org.domus.sim.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dialects publish the reference shapes and understand commands in the vendors' own shapes. */
class VendorDialectsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final VendorAttribute POWER = new VendorAttribute("power", "enum", "", true, null, null,
            List.of("ON", "OFF"));
    private static final VendorAttribute BRIGHTNESS = new VendorAttribute("brightness", "numeric", "%", true, 0.0,
            100.0, null);

    private static String text(VendorMessage message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsDialectsByName() {
        for (String name : List.of("tasmota", "zigbee2mqtt", "shelly", "homeassistant")) {
            assertEquals(name, VendorDialects.byName(name).orElseThrow().name());
        }
        assertEquals("zigbee2mqtt", VendorDialects.byName("z2m").orElseThrow().name());
        assertEquals(Optional.empty(), VendorDialects.byName("zwave"));
    }

    @Test
    void willsAreTheVendorsOfflineStatus() {
        VendorDevice device = new VendorDevice("demo", "dev1", "Dev", "smart-plug", List.of(POWER));
        VendorMessage tasmota = new TasmotaDialect().will(device);
        assertEquals("domus/demo/raw/tele/dev1/LWT", tasmota.topic());
        assertEquals("Offline", text(tasmota));
        VendorMessage zigbee = new Zigbee2MqttDialect().will(device);
        assertEquals("domus/demo/raw/zigbee2mqtt/dev1/availability", zigbee.topic());
        assertEquals("{\"state\":\"offline\"}", text(zigbee));
        VendorMessage shelly = new ShellyDialect().will(device);
        assertEquals("domus/demo/raw/dev1/online", shelly.topic());
        assertEquals("false", text(shelly));
        VendorMessage ha = new HomeAssistantDialect().will(device);
        assertEquals("domus/demo/raw/dev1/status", ha.topic());
        assertEquals("offline", text(ha));
        for (VendorMessage will : List.of(tasmota, zigbee, shelly, ha)) {
            assertTrue(will.retain(), will.topic());
        }
    }

    @Test
    void tasmotaReportsPowerAsResultAndPlainPower() {
        TasmotaDialect dialect = new TasmotaDialect(CLOCK);
        VendorDevice device = new VendorDevice("demo", "tasmota_switch", "Switch", "smart-plug", List.of(POWER));
        List<VendorMessage> messages = dialect.onChange(device, Map.of("power", "ON"), Set.of("power"));
        assertEquals("domus/demo/raw/stat/tasmota_switch/RESULT", messages.get(0).topic());
        assertEquals("{\"POWER\":\"ON\"}", text(messages.get(0)));
        assertEquals("domus/demo/raw/stat/tasmota_switch/POWER", messages.get(1).topic());
        assertEquals("ON", text(messages.get(1)));
        String lwt = dialect.onConnect(device, Map.of("power", "OFF")).stream()
                .filter(m -> m.topic().endsWith("/LWT")).map(VendorDialectsTest::text).findFirst().orElseThrow();
        assertEquals("Online", lwt);
    }

    @Test
    void tasmotaTogglesAndQueries() {
        TasmotaDialect dialect = new TasmotaDialect(CLOCK);
        VendorDevice device = new VendorDevice("demo", "tasmota_switch", "Switch", "smart-plug", List.of(POWER));
        String topic = "domus/demo/raw/cmnd/tasmota_switch/Power";
        assertEquals(Map.of("power", "OFF"),
                dialect.parseCommand(device, topic, utf8("TOGGLE"), Map.of("power", "ON")).orElseThrow());
        assertEquals(Map.of(), dialect.parseCommand(device, topic, new byte[0]).orElseThrow(), "a query");
        assertEquals(Map.of("power", "ON"), dialect.parseCommand(device, topic, utf8("1")).orElseThrow());
        assertEquals(Optional.empty(), dialect.parseCommand(device, "domus/demo/raw/cmnd/other/Power", utf8("ON")));
    }

    @Test
    void zigbee2MqttScalesBrightnessAndSaysContactTrueWhenClosed() {
        Zigbee2MqttDialect dialect = new Zigbee2MqttDialect();
        VendorDevice bulb = new VendorDevice("demo", "ikea_bulb", "Bulb", "dimmable-light", List.of(POWER, BRIGHTNESS));
        assertEquals(Map.of("brightness", 50.0, "power", "ON"), dialect.parseCommand(bulb,
                "domus/demo/raw/zigbee2mqtt/ikea_bulb/set", utf8("{\"brightness\":127}")).orElseThrow());
        assertEquals(Map.of("power", "OFF"), dialect.parseCommand(bulb,
                "domus/demo/raw/zigbee2mqtt/ikea_bulb/set/state", utf8("OFF")).orElseThrow());
        String state = text(dialect.onChange(bulb, Map.of("power", "ON", "brightness", 100.0), Set.of("power")).get(0));
        assertTrue(state.contains("\"state\":\"ON\"") && state.contains("\"brightness\":254"), state);

        VendorDevice door = new VendorDevice("demo", "door", "Door", "contact", List.of(
                new VendorAttribute("contact", "enum", "", false, null, null, List.of("open", "closed"))));
        assertTrue(text(dialect.onChange(door, Map.of("contact", "closed"), Set.of("contact")).get(0))
                .contains("\"contact\":true"));
    }

    @Test
    void shellySetsSwitchesThroughJsonRpc() {
        ShellyDialect dialect = new ShellyDialect(CLOCK);
        VendorDevice plug = new VendorDevice("demo", "shellyplus1-a8032abc7158", "Plug", "smart-plug", List.of(POWER,
                new VendorAttribute("energy", "numeric", "kWh", false, null, null, null)));
        assertEquals(Map.of("power", "ON"), dialect.parseCommand(plug, "domus/demo/raw/shellyplus1-a8032abc7158/rpc",
                utf8("{\"id\":1,\"src\":\"domus-console\",\"method\":\"Switch.Set\",\"params\":{\"id\":0,\"on\":true}}"))
                .orElseThrow());
        List<VendorMessage> change = dialect.onChange(plug, Map.of("power", "ON", "energy", 2.0), Set.of("power"));
        assertEquals("domus/demo/raw/shellyplus1-a8032abc7158/events/rpc", change.get(0).topic());
        assertTrue(text(change.get(0)).contains("\"method\":\"NotifyStatus\""));
        assertTrue(text(change.get(1)).contains("\"total\":2000"), "Shelly counts energy in Wh");
    }

    @Test
    void homeAssistantAnnouncesEntitiesWithAbbreviatedKeys() {
        HomeAssistantDialect dialect = new HomeAssistantDialect();
        VendorDevice bulb = new VendorDevice("demo", "sim_light_1", "Light", "dimmable-light", List.of(POWER, BRIGHTNESS));
        List<VendorMessage> connect = dialect.onConnect(bulb, Map.of("power", "ON", "brightness", 100.0));
        VendorMessage config = connect.get(0);
        assertEquals("domus/demo/raw/homeassistant/light/sim_light_1/light/config", config.topic());
        assertTrue(config.retain());
        assertTrue(text(config).contains("\"cmd_t\":\"~/set\"") && text(config).contains("\"schema\":\"json\""));
        assertEquals(Map.of("power", "ON", "brightness", 40.0), dialect.parseCommand(bulb,
                "domus/demo/raw/sim_light_1/light/set", utf8("{\"state\":\"ON\",\"brightness\":102}")).orElseThrow());
    }
}
