package org.domus.sim.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.domus.model.AttributeKind;
import org.junit.jupiter.api.Test;

class SampleDevicesTest {

    private final SampleDevices bundled = SampleDevices.bundled();

    @Test
    void bundlesEveryDeviceTypeTheIssueAsksFor() {
        assertTrue(bundled.types().keySet().containsAll(Set.of("on-off-light", "dimmable-light", "colour-light",
                "thermostat", "temperature-humidity-sensor", "door-window-contact", "motion-sensor", "smart-plug",
                "blinds", "smoke-alarm", "water-leak-alarm", "co2-sensor")), bundled.types().keySet().toString());
    }

    @Test
    void demoHouseHasTheDevicesScriptsRelyOn() {
        HouseDefinition demo = bundled.house("demo").orElseThrow();
        Map<String, HouseDefinition.DeviceDefinition> devices = demo.devices().stream()
                .collect(Collectors.toMap(e -> e.getKey().room() + "/" + e.getKey().device(), Map.Entry::getValue));
        HouseDefinition.DeviceDefinition light = devices.get("living-room/ceiling-light");
        assertEquals("on-off-light", light.type());
        AttributeDefinition power = bundled.typeOf(light).attribute("power").orElseThrow();
        assertEquals(AttributeKind.ENUM, power.kind());
        assertTrue(power.writable());
        assertEquals(List.of("ON", "OFF"), power.choices());
        DeviceType thermostat = bundled.typeOf(devices.get("living-room/thermostat"));
        assertEquals("°C", thermostat.attribute("temperature").orElseThrow().unit());
        assertTrue(thermostat.attribute("setpoint").orElseThrow().writable());
        assertTrue(demo.deviceCount() >= 8 && demo.deviceCount() <= 12, "devices: " + demo.deviceCount());
    }

    @Test
    void familyHouseHasTwoFloorsAboutFortyDevicesAndVendorDialects() {
        HouseDefinition house = bundled.house("family-house").orElseThrow();
        assertEquals(2, house.floors().size());
        assertTrue(house.rooms().size() >= 10);
        assertTrue(house.deviceCount() >= 38 && house.deviceCount() <= 46, "devices: " + house.deviceCount());
        Set<String> dialects = house.devices().stream().map(e -> e.getValue().dialect())
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        assertEquals(DefinitionReader.DIALECTS, dialects);
    }
}
