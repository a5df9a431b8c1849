package org.domus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.domus.model.DeviceAddress;
import org.junit.jupiter.api.Test;

class FaultSpecTest {

    private static final List<DeviceAddress> DEVICES = List.of(new DeviceAddress("demo", "living-room", "ceiling-light"),
            new DeviceAddress("demo", "kitchen", "co2-sensor"));

    @Test
    void parsesAnOfflineFaultAtATime() {
        FaultSpec spec = FaultSpec.parse("offline:living-room/ceiling-light@10s");
        assertEquals(Duration.ofSeconds(10), spec.at());
        assertEquals(DEVICES.getFirst(), spec.device(DEVICES));
        assertNull(assertInstanceOf(Fault.Offline.class, spec.fault()).backAfter());
        assertEquals(Duration.ofSeconds(30), assertInstanceOf(Fault.Offline.class,
                FaultSpec.parse("offline:demo/living-room/ceiling-light=30s").fault()).backAfter());
    }

    @Test
    void parsesLateStormAndTheOthers() {
        assertEquals(Duration.ofSeconds(5), assertInstanceOf(Fault.LateAnswers.class,
                FaultSpec.parse("late:kitchen/co2-sensor=5s").fault()).extra());
        assertEquals(200, FaultSpec.parse("storm:200@20s").count());
        assertInstanceOf(Fault.Malformed.class, FaultSpec.parse("malformed:kitchen/co2-sensor").fault());
        assertInstanceOf(Fault.Stuck.class, FaultSpec.parse("stuck:kitchen/co2-sensor@1m").fault());
        assertInstanceOf(Fault.Mute.class, FaultSpec.parse("mute:kitchen/co2-sensor").fault());
    }

    @Test
    void refusesBadSpecsWithOneLine() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("explode:x/y")).getMessage()
                .startsWith("fault kind \"explode\" is not one of"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("late:x/y")).getMessage()
                .contains("needs the extra delay"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("storm:many")).getMessage()
                .contains("a storm takes a number of devices"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("offline:x/y@soon")).getMessage()
                .contains("\"soon\" is not a duration"));
        assertEquals("fault offline: no simulated device garage/door", assertThrows(IllegalArgumentException.class,
                () -> FaultSpec.parse("offline:garage/door").device(DEVICES)).getMessage());
    }
}
