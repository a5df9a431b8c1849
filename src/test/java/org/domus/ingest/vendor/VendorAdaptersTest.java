package org.domus.ingest.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.domus.model.AttributeKind;
import org.domus.store.AttributeDeclaration;
import org.domus.store.DeviceDeclaration;
import org.junit.jupiter.api.Test;

/** Every reference payload of device-conventions.md, read into devices, attributes and values. */
class VendorAdaptersTest {

    private static void assertAttribute(AttributeDeclaration a, AttributeKind kind, String unit, boolean writable) {
        assertEquals(kind, a.kind(), a.name() + " kind");
        assertEquals(unit, a.unit(), a.name() + " unit");
        assertEquals(writable, a.writable(), a.name() + " writable");
    }

    // ------------------------------------------------------------------ Tasmota

    @Test
    void readsTasmotaReferencePayloads() {
        VendorFixtures f = new VendorFixtures().feedFile("tasmota.messages");

        DeviceDeclaration relay = f.device("tasmota-switch");
        assertEquals("switch", relay.kind());
        assertEquals("tasmota_switch", relay.name());
        assertTrue(relay.address().isVendor());
        AttributeDeclaration power = f.attribute("tasmota-switch", "power");
        assertAttribute(power, AttributeKind.ENUM, "", true);
        assertEquals(List.of("ON", "OFF"), power.choices());
        assertEquals(List.of("OFF", "OFF", "ON", "ON"), f.values("tasmota-switch", "power"));

        assertEquals("online", f.last("tasmota", "status"));
        assertEquals("OFF", f.last("tasmota", "power"));
        assertEquals("100", f.last("tasmota", "rssi"));
        assertEquals("20.6", f.last("tasmota", "temperature"));
        assertAttribute(f.attribute("tasmota", "temperature"), AttributeKind.NUMERIC, "°C", false);

        assertEquals("sensor", f.device("tasmota-am2301").kind());
        assertEquals("20.5", f.last("tasmota-am2301", "temperature"));
        assertEquals("44.4", f.last("tasmota-am2301", "humidity"));
        assertAttribute(f.attribute("tasmota-am2301", "humidity"), AttributeKind.NUMERIC, "%", false);

        assertEquals("381.701", f.last("tasmota-plug", "energy"));
        assertEquals("0", f.last("tasmota-plug", "watts"));
        assertEquals("239", f.last("tasmota-plug", "voltage"));
        assertAttribute(f.attribute("tasmota-plug", "energy"), AttributeKind.NUMERIC, "kWh", false);
        assertAttribute(f.attribute("tasmota-plug", "watts"), AttributeKind.NUMERIC, "W", false);

        // STATUS6 (an answer to a query) and the commands are not state
        assertEquals(3, f.count(VendorOutcome.Ignored.class));
        assertEquals(0, f.count(VendorOutcome.Malformed.class));
    }

    @Test
    void tasmotaDiscoveryNamesTheDeviceAndDeclaresItsRelayAndLight() {
        VendorFixtures f = new VendorFixtures();
        f.feed("tasmota/discovery/A4CF125A3F2C/config", """
                {"ip":"192.168.1.50","dn":"Desk lamp","fn":["Desk lamp",null,null,null,null,null,null,null],
                 "hn":"tasmota-5A3F2C-7980","mac":"A4CF125A3F2C","md":"Sonoff B1","ty":0,"if":0,"ofln":"Offline",
                 "onln":"Online","state":["OFF","ON","TOGGLE","HOLD"],"sw":"14.2.0","t":"tasmota_5A3F2C",
                 "ft":"%prefix%/%topic%/","tp":["cmnd","stat","tele"],"rl":[2,0,0,0,0,0,0,0],"lk":1,"lt_st":3,
                 "ver":1}""");
        DeviceDeclaration lamp = f.device("tasmota-5a3f2c");
        assertEquals("Desk lamp", lamp.name());
        assertEquals("light", lamp.kind());
        assertAttribute(f.attribute("tasmota-5a3f2c", "brightness"), AttributeKind.NUMERIC, "%", true);
        assertEquals(100.0, f.attribute("tasmota-5a3f2c", "brightness").max());
        assertAttribute(f.attribute("tasmota-5a3f2c", "color"), AttributeKind.TEXT, "", true);

        f.feed("stat/tasmota_5A3F2C/RESULT", "{\"POWER\":\"ON\",\"Dimmer\":40,\"Color\":\"FF8000\"}");
        assertEquals("ON", f.last("tasmota-5a3f2c", "power"));
        assertEquals("40", f.last("tasmota-5a3f2c", "brightness"));
        assertEquals("#ff8000", f.last("tasmota-5a3f2c", "color"));
    }

    // ------------------------------------------------------------------ Shelly

    @Test
    void readsShellyReferencePayloads() {
        VendorFixtures f = new VendorFixtures().feedFile("shelly.messages");

        String pm = "shellyplus1pm-a8032ab636ec";
        assertEquals("online", f.last(pm, "status"));
        assertEquals("OFF", f.last(pm, "power"));
        assertAttribute(f.attribute(pm, "power"), AttributeKind.ENUM, "", true);
        assertEquals("0", f.last(pm, "watts"));
        assertEquals("123.3", f.last(pm, "voltage"));
        assertEquals("0", f.last(pm, "energy"));
        assertAttribute(f.attribute(pm, "energy"), AttributeKind.NUMERIC, "kWh", false);
        assertEquals("44.4", f.last(pm, "device-temperature"));
        assertEquals("switch", f.device(pm).kind());

        assertEquals("ON", f.last("shellyplus1-a8032abc7158", "power"));
        assertEquals("true", f.last("shellyplusi4-c4d8d554ad6c", "input-3"));
        assertAttribute(f.attribute("shellyplusi4-c4d8d554ad6c", "input-3"), AttributeKind.BOOLEAN, "", false);
        assertEquals("button", f.device("shellyplusi4-c4d8d554ad6c").kind());

        assertEquals(1, f.count(VendorOutcome.Ignored.class), "the RPC reply is not state");
    }

    @Test
    void shellyEnergyInWattHoursBecomesKilowattHours() {
        VendorFixtures f = new VendorFixtures();
        f.feed("shellyplusplugs-aa/status/switch:0", "{\"id\":0,\"output\":true,\"apower\":12.5,"
                + "\"aenergy\":{\"total\":1234.5,\"by_minute\":[0,0,0],\"minute_ts\":1}}");
        assertEquals("1.2345", f.last("shellyplusplugs-aa", "energy"));
        assertEquals("plug", f.device("shellyplusplugs-aa").kind());
    }

    // ------------------------------------------------------------------ Zigbee2MQTT

    @Test
    void readsZigbee2MqttReferencePayloads() {
        VendorFixtures f = new VendorFixtures().feedFile("zigbee2mqtt.messages");

        String aqara = "0x00158d00040862ed";
        assertEquals("100", f.last(aqara, "battery"));
        assertEquals("20.71", f.last(aqara, "temperature"));
        assertEquals("22.98", f.last(aqara, "humidity"));
        assertEquals("986.4", f.last(aqara, "pressure"));
        assertEquals("160", f.last(aqara, "linkquality"));
        assertEquals("3005", f.last(aqara, "voltage"));
        assertAttribute(f.attribute(aqara, "temperature"), AttributeKind.NUMERIC, "°C", false);
        assertAttribute(f.attribute(aqara, "pressure"), AttributeKind.NUMERIC, "hPa", false);
        assertEquals("sensor", f.device(aqara).kind());

        assertEquals("27.34", f.last("temp-sensor", "temperature"));
        assertEquals("single", f.last("wireless-switch", "action"));
        assertEquals("button", f.device("wireless-switch").kind());
        assertEquals("true", f.last("motion-sensor", "motion"));
        assertAttribute(f.attribute("motion-sensor", "motion"), AttributeKind.BOOLEAN, "", false);
        assertEquals("motion", f.device("motion-sensor").kind());

        assertEquals("ON", f.last("ikea-bulb", "power"));
        assertEquals("85", f.last("ikea-bulb", "brightness"), "215 of 254 is 85 %");
        assertEquals("325", f.last("ikea-bulb", "color-temp"));
        assertEquals("light", f.device("ikea-bulb").kind());

        // the command to a device and the bridge's news are not state
        assertEquals(3, f.count(VendorOutcome.Ignored.class));
        assertEquals(0, f.count(VendorOutcome.Malformed.class));
    }

    @Test
    void zigbee2MqttExposesDescribeTheAttributes() {
        VendorFixtures f = new VendorFixtures().feedFile("zigbee2mqtt-bridge-devices.messages");

        DeviceDeclaration bulb = f.device("ikea-bulb");
        assertEquals("light", bulb.kind());
        assertAttribute(f.attribute("ikea-bulb", "power"), AttributeKind.ENUM, "", true);
        AttributeDeclaration brightness = f.attribute("ikea-bulb", "brightness");
        assertAttribute(brightness, AttributeKind.NUMERIC, "%", true);
        assertEquals(0.0, brightness.min());
        assertEquals(100.0, brightness.max());
        AttributeDeclaration colorTemp = f.attribute("ikea-bulb", "color-temp");
        assertAttribute(colorTemp, AttributeKind.NUMERIC, "mired", true);
        assertEquals(250.0, colorTemp.min());
        assertEquals(454.0, colorTemp.max());
        assertAttribute(f.attribute("ikea-bulb", "linkquality"), AttributeKind.NUMERIC, "lqi", false);
        assertEquals("85", f.last("ikea-bulb", "brightness"));

        // a friendly name with a slash; contact=true means closed
        DeviceDeclaration door = f.device("hall-front-door");
        assertEquals("hall/front_door", door.name());
        assertEquals("contact", door.kind());
        AttributeDeclaration contact = f.attribute("hall-front-door", "contact");
        assertAttribute(contact, AttributeKind.ENUM, "", false);
        assertEquals(List.of("open", "closed"), contact.choices());
        assertEquals("closed", f.last("hall-front-door", "contact"));
        assertEquals("online", f.last("hall-front-door", "status"));
        assertEquals("91", f.last("hall-front-door", "battery"));

        DeviceDeclaration valve = f.device("radiator-valve");
        assertEquals("thermostat", valve.kind());
        AttributeDeclaration setpoint = f.attribute("radiator-valve", "setpoint");
        assertAttribute(setpoint, AttributeKind.NUMERIC, "°C", true);
        assertEquals(5.0, setpoint.min());
        assertEquals(30.0, setpoint.max());
        assertAttribute(f.attribute("radiator-valve", "temperature"), AttributeKind.NUMERIC, "°C", false);
        AttributeDeclaration mode = f.attribute("radiator-valve", "mode");
        assertAttribute(mode, AttributeKind.ENUM, "", true);
        assertEquals(List.of("off", "heat"), mode.choices());
        assertEquals("21.5", f.last("radiator-valve", "setpoint"));
        assertEquals("19.8", f.last("radiator-valve", "temperature"));
        assertEquals("heat", f.last("radiator-valve", "mode"));

        assertFalse(f.devices.keySet().stream().anyMatch(a -> a.device().equals("coordinator")));
    }

    // ------------------------------------------------------------------ Home Assistant discovery

    @Test
    void readsHomeAssistantDiscoveryExamples() {
        VendorFixtures f = new VendorFixtures().feedFile("homeassistant.messages");

        DeviceDeclaration garden = f.device("01ad");
        assertEquals("Garden", garden.name());
        assertEquals("motion", garden.kind());
        assertAttribute(f.attribute("01ad", "motion"), AttributeKind.BOOLEAN, "", false);
        assertEquals("true", f.last("01ad", "motion"));

        DeviceDeclaration bedroom = f.device("bedroom01ae");
        assertEquals("Bedroom", bedroom.name());
        assertEquals("sensor", bedroom.kind());
        assertAttribute(f.attribute("bedroom01ae", "temperature"), AttributeKind.NUMERIC, "°C", false);
        assertAttribute(f.attribute("bedroom01ae", "humidity"), AttributeKind.NUMERIC, "%", false);
        assertEquals("23.2", f.last("bedroom01ae", "temperature"));
        assertEquals("43.7", f.last("bedroom01ae", "humidity"));

        DeviceDeclaration irrigation = f.device("garden01ad");
        assertEquals("Garden", irrigation.name());
        assertEquals("switch", irrigation.kind());
        assertAttribute(f.attribute("garden01ad", "power"), AttributeKind.ENUM, "", true);
        assertEquals("ON", f.last("garden01ad", "power"));

        DeviceDeclaration kitchen = f.device("ea334450945afc");
        assertEquals("Kitchen", kitchen.name());
        assertEquals("light", kitchen.kind());
        assertAttribute(f.attribute("ea334450945afc", "power"), AttributeKind.ENUM, "", true);
        assertEquals(List.of("ON", "ON"), f.values("ea334450945afc", "power"));
        assertEquals("100", f.last("ea334450945afc", "brightness"), "255 of 255");
        assertEquals("#ff6600", f.last("ea334450945afc", "color"), "hue 24°, saturation 100 %");
        assertEquals(0, f.count(VendorOutcome.Malformed.class));
    }

    @Test
    void readsDeviceBasedDiscovery() {
        VendorFixtures f = new VendorFixtures().feedFile("homeassistant-device.messages");
        DeviceDeclaration kitchen = f.device("ea334450945afc");
        assertEquals("Kitchen", kitchen.name());
        assertEquals("23.2", f.last("ea334450945afc", "temperature"));
        assertEquals("43.7", f.last("ea334450945afc", "humidity"));
        assertAttribute(f.attribute("ea334450945afc", "temperature"), AttributeKind.NUMERIC, "°C", false);
    }

    @Test
    void expandsAbbreviationsAndTheBaseTopic() {
        VendorFixtures f = new VendorFixtures().feedFile("homeassistant-abbreviated.messages");
        DeviceDeclaration device = f.device("irrigation");
        assertEquals("garden", device.name());
        assertEquals("OFF", f.last("irrigation", "power"));
        assertTrue(f.commands.route(VendorFixtures.series("irrigation", "power"), AttributeKind.ENUM, "ON")
                .map(m -> m.topic().equals("domus/demo/raw/homeassistant/switch/irrigation/set")).orElse(false));
    }

    @Test
    void anEmptyConfigRemovesTheEntity() {
        VendorFixtures f = new VendorFixtures().feedFile("homeassistant.messages");
        VendorOutcome removed = f.feed("homeassistant/switch/irrigation/config", "");
        assertInstanceOf(VendorOutcome.Parsed.class, removed);
        assertEquals(1, f.removals.size());
        assertEquals("garden01ad", f.removals.getFirst().vendorId());
        assertInstanceOf(VendorOutcome.Ignored.class, f.feed("homeassistant/switch/irrigation/state", "OFF"));
        assertTrue(f.commands.route(VendorFixtures.series("garden01ad", "power"), AttributeKind.ENUM, "ON").isEmpty());
    }

    @Test
    void skipsDiscoveryOfDevicesReadNatively() {
        VendorFixtures f = new VendorFixtures();
        VendorOutcome outcome = f.feed("homeassistant/sensor/0x00158d00040862ed/temperature/config",
                "{\"state_topic\":\"zigbee2mqtt/0x00158d00040862ed\",\"device_class\":\"temperature\","
                        + "\"unit_of_measurement\":\"°C\",\"value_template\":\"{{ value_json.temperature }}\","
                        + "\"unique_id\":\"0x00158d00040862ed_temperature_zigbee2mqtt\","
                        + "\"device\":{\"identifiers\":[\"zigbee2mqtt_0x00158d00040862ed\"]}}");
        assertInstanceOf(VendorOutcome.Ignored.class, outcome);
        assertTrue(f.devices.isEmpty());
    }

    @Test
    void unknownTopicsAreIgnored() {
        VendorFixtures f = new VendorFixtures();
        assertInstanceOf(VendorOutcome.Ignored.class, f.feed("some/other/thing", "42"));
        assertInstanceOf(VendorOutcome.Ignored.class, f.feed("homeassistant/status", "online"));
        assertInstanceOf(VendorOutcome.Ignored.class, f.feed("livingroom/online", "yes"));
    }
}
