package org.domus.ingest.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad vendor payloads are refused with a one-line reason naming the vendor; nothing is stored or thrown. */
class VendorMalformedPayloadsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "tele/tasmota_1/SENSOR|{\"Time\":|tasmota|malformed JSON",
        "tele/tasmota_1/STATE|[1,2]|tasmota|expected a JSON object",
        "tele/tasmota_1/LWT|Maybe|tasmota|LWT is neither Online nor Offline",
        "stat/tasmota_1/POWER|HALF|tasmota|power is neither ON nor OFF",
        "zigbee2mqtt/kitchen_bulb|not json|zigbee2mqtt|malformed JSON",
        "zigbee2mqtt/bridge/devices|{\"a\":1}|zigbee2mqtt|bridge/devices is not a JSON array",
        "zigbee2mqtt/kitchen_bulb/availability|sleepy|zigbee2mqtt|availability is neither online nor offline",
        "shellyplus1-aa/events/rpc|{\"method\":\"NotifyStatus\"}|shelly|NotifyStatus has no params object",
        "shellyplus1-aa/status/switch:0|oops|shelly|malformed JSON",
        "homeassistant/sensor/x/config|{bad|homeassistant|malformed JSON",
        "homeassistant/device/x/config|{\"dev\":{\"ids\":\"x\"}}|homeassistant|device discovery without components",
    })
    void refusesWithOneLineReason(String topic, String payload, String vendor, String reasonStart) {
        VendorFixtures f = new VendorFixtures();
        VendorOutcome outcome = f.feed(topic, payload);
        VendorOutcome.Malformed bad = assertInstanceOf(VendorOutcome.Malformed.class, outcome);
        assertEquals(vendor, bad.vendor());
        assertTrue(bad.reason().startsWith(reasonStart), bad.reason());
        assertFalse(bad.reason().contains("\n"), "one line");
        assertTrue(f.devices.isEmpty());
        assertTrue(f.readings.isEmpty());
    }

    @org.junit.jupiter.api.Test
    void refusesInvalidUtf8AndUnsupportedTemplates() {
        VendorFixtures f = new VendorFixtures();
        VendorOutcome utf8 = f.feed("tele/tasmota_1/LWT", new byte[] {(byte) 0xff, (byte) 0xfe});
        assertEquals("the payload is not valid UTF-8", assertInstanceOf(VendorOutcome.Malformed.class, utf8).reason());

        f.feed("homeassistant/sensor/odd/config", "{\"state_topic\":\"odd/state\",\"unit_of_measurement\":\"W\","
                + "\"value_template\":\"{{ 'x' if value_json.a else 'y' }}\",\"unique_id\":\"odd1\"}");
        VendorOutcome state = f.feed("odd/state", "{\"a\":1}");
        assertTrue(assertInstanceOf(VendorOutcome.Malformed.class, state).reason().startsWith("unsupported template"));

        f.feed("homeassistant/sensor/power/config", "{\"state_topic\":\"meter/power\",\"unit_of_measurement\":\"W\","
                + "\"device_class\":\"power\",\"unique_id\":\"meter1\"}");
        VendorOutcome text = f.feed("meter/power", "lots".getBytes(StandardCharsets.UTF_8));
        assertTrue(assertInstanceOf(VendorOutcome.Malformed.class, text).reason().contains("is not a number"));
        assertInstanceOf(VendorOutcome.Ignored.class, f.feed("meter/power", "unavailable"),
                "Home Assistant's unavailable is no value, not an error");
    }
}
