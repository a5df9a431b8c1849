package org.domus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.domus.ingest.HubStatus;
import org.domus.model.DeviceAddress;
import org.domus.sim.Fault;
import org.domus.sim.SimulatorOptions;
import org.junit.jupiter.api.Test;

/**
 * Every test of {@link SimulatedHouseIT} again with the devices behind one connection per house, as a house hub
 * bridges them (client id {@code hub-demo}, a house login); plus what only a hub shows.
 */
class SimulatedHubIT extends SimulatedHouseIT {

    @Override
    SimulatorOptions options() {
        return SimulatorOptions.defaults().withConnections(SimulatorOptions.Connections.PER_HOUSE);
    }

    @Test
    void oneConnectionCarriesTheWholeHouseAndTheConsoleSeesItsHubOnline() {
        assertEquals(1, simulator.connections());
        await().atMost(Duration.ofSeconds(15)).until(() -> core.core().ingest().hubs().status("demo")
                .map(s -> s.state() == HubStatus.State.ONLINE).orElse(false));
    }

    @Test
    void aDeviceOfflineBehindTheHubIsReportedOfflineWhileTheOthersStayOnline() {
        DeviceAddress light = new DeviceAddress("demo", "living-room", "ceiling-light");
        DeviceAddress thermostat = new DeviceAddress("demo", "living-room", "thermostat");
        await().atMost(Duration.ofSeconds(15)).until(() -> status(light).equals("online")
                && status(thermostat).equals("online"));
        simulator.injectFault(light, new Fault.Offline(null));
        await().atMost(Duration.ofSeconds(15)).until(() -> status(light).equals("offline"));
        assertEquals("online", status(thermostat));
        assertEquals(simulator.devices().size() - 1, simulator.status().connected());
        simulator.injectFault(light, new Fault.Recover());
        await().atMost(Duration.ofSeconds(15)).until(() -> status(light).equals("online"));
    }

    @Test
    void stoppingReportsEveryDeviceAndTheBridgeOffline() {
        List<DeviceAddress> devices = simulator.devices();
        await().atMost(Duration.ofSeconds(15)).until(() -> devices.stream()
                .filter(d -> d.room().equals("living-room")).allMatch(d -> status(d).equals("online")));
        simulator.stop();
        await().atMost(Duration.ofSeconds(15)).until(() -> devices.stream()
                .filter(d -> d.room().equals("living-room")).allMatch(d -> status(d).equals("offline")));
        await().atMost(Duration.ofSeconds(15)).until(() -> core.core().ingest().hubs().status("demo")
                .map(s -> s.state() == HubStatus.State.OFFLINE).orElse(false));
        assertTrue(simulator.status().connected() == 0);
    }

    private String status(DeviceAddress device) {
        return core.core().liveState().latest(device.attribute("status")).map(r -> r.text()).orElse("");
    }
}
