package org.domus.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.House;
import org.domus.model.SeriesPath;
import org.domus.sim.definition.SampleDevices;
import org.domus.store.Database;
import org.domus.store.HouseRepository;
import org.domus.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoHouseTest {

    @TempDir
    Path dir;

    @Test
    void seedsTheDemoHouseIdempotentlyWithTheAttributesScriptsRelyOn() {
        try (Database database = Database.open(dir.resolve("domus.db"), StoreOptions.defaults())) {
            HouseRepository houses = database.houses();
            House demo = DemoHouse.seedDefault(houses);
            DemoHouse.seedDefault(houses);
            assertEquals("demo", demo.slug());
            assertEquals(1, houses.listHouses().size());
            List<Device> devices = houses.listDevices(demo.id());
            assertEquals(12, devices.size());
            assertTrue(devices.stream().noneMatch(Device::inInbox));
            Device light = houses.findDevice(new DeviceAddress("demo", "living-room", "ceiling-light")).orElseThrow();
            assertEquals("on-off-light", light.kind());
            assertEquals("Ceiling light", light.name());
            Attribute power = houses.findAttribute(SeriesPath.parse("demo/living-room/ceiling-light/power")).orElseThrow();
            assertEquals(AttributeKind.ENUM, power.kind());
            assertTrue(power.writable());
            assertEquals(List.of("ON", "OFF"), power.choices());
            Attribute temperature = houses.findAttribute(SeriesPath.parse("demo/living-room/thermostat/temperature")).orElseThrow();
            assertEquals("°C", temperature.unit());
            assertFalse(temperature.writable());
            Attribute setpoint = houses.findAttribute(SeriesPath.parse("demo/living-room/thermostat/setpoint")).orElseThrow();
            assertTrue(setpoint.writable());
            assertEquals(5.0, setpoint.min());
            assertEquals(30.0, setpoint.max());
        }
    }

    @Test
    void seedsFloorsAndLeavesVendorDevicesToDiscovery() {
        try (Database database = Database.open(dir.resolve("domus.db"), StoreOptions.defaults())) {
            SampleDevices samples = SampleDevices.bundled();
            var definition = samples.house("family-house").orElseThrow();
            House house = DemoHouse.seed(database.houses(), definition, samples);
            DemoHouse.seed(database.houses(), definition, samples);
            assertEquals(2, database.houses().listFloors(house.id()).size());
            assertEquals(11, database.houses().listRooms(house.id()).size());
            assertTrue(database.houses().listRooms(house.id()).stream().allMatch(r -> r.floor().isPresent()));
            assertEquals(definition.deviceCount() - 4, database.houses().listDevices(house.id()).size());
        }
    }
}
