package org.domus.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How a simulated hub tells which of its vendor devices a command is for (MQTT topic filters). */
class TopicFilterMatchTest {

    @Test
    void plusMatchesOneLevelAndHashTheRest() {
        assertTrue(SimulatorRuntime.matches("domus/h/raw/cmnd/plug_1/+", "domus/h/raw/cmnd/plug_1/POWER"));
        assertTrue(SimulatorRuntime.matches("domus/h/raw/zigbee2mqtt/lamp/#", "domus/h/raw/zigbee2mqtt/lamp/set"));
        assertTrue(SimulatorRuntime.matches("domus/h/raw/zigbee2mqtt/lamp/#", "domus/h/raw/zigbee2mqtt/lamp"));
        assertTrue(SimulatorRuntime.matches("domus/h/+/+/+/set", "domus/h/kitchen/light/power/set"));
    }

    @Test
    void aDifferentLevelOrLengthDoesNotMatch() {
        assertFalse(SimulatorRuntime.matches("domus/h/raw/cmnd/plug_1/+", "domus/h/raw/cmnd/plug_2/POWER"));
        assertFalse(SimulatorRuntime.matches("domus/h/raw/cmnd/plug_1/+", "domus/h/raw/cmnd/plug_1/POWER/x"));
        assertFalse(SimulatorRuntime.matches("domus/h/+/+/+/set", "domus/h/kitchen/light/set"));
    }
}
