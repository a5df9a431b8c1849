package org.domus.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Vendor devices live in the topic room {@code raw}, which no real room can take. */
class VendorAddressTest {

    @Test
    void vendorDevicesAreAddressedInTheRawRoom() {
        DeviceAddress address = DeviceAddress.vendor("demo", "tasmota-plug");
        assertEquals("demo/raw/tasmota-plug", address.toString());
        assertTrue(address.isVendor());
        assertFalse(new DeviceAddress("demo", "kitchen", "plug").isVendor());
        assertEquals(address.attribute("power"), SeriesPath.parse("demo/raw/tasmota-plug/power"));
    }

    @Test
    void rawStillCannotNameARoomAndHubNamesNoDevice() {
        assertThrows(IllegalArgumentException.class, () -> new Room(1, 1, null, "raw", "Raw"));
        assertThrows(IllegalArgumentException.class, () -> new DeviceAddress("demo", "hub", "x"));
        assertThrows(IllegalArgumentException.class, () -> SeriesPath.parse("demo/hub/x/y"));
    }

    @Test
    void colorsConvertBetweenModels() {
        assertEquals("#ff6600", Colors.fromHs(24, 100));
        assertEquals("#ff0000", Colors.fromXy(Colors.xy("#ff0000")[0], Colors.xy("#ff0000")[1]));
        assertEquals("#00ff00", Colors.parseHex("00FF00").orElseThrow());
        assertTrue(Colors.parseHex("#12345").isEmpty());
    }
}
