package org.domus.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.domus.model.InboundMessage;
import org.junit.jupiter.api.Test;

class HubMonitorTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final HubMonitor monitor = new HubMonitor();
    private final List<HubStatus> told = new ArrayList<>();

    {
        monitor.addListener(told::add);
    }

    private void hub(String rest, String payload, int secondsLater) {
        InboundMessage message = new InboundMessage("hub-house42", "house42", "domus/house42/hub" + rest,
                payload.getBytes(StandardCharsets.UTF_8), 1, true, 1, false, T0.plusSeconds(secondsLater));
        monitor.onHubTopic(message, "house42", rest);
    }

    @Test
    void followsTheBridgeNotificationsAndCountsReconnects() {
        hub("/bridge", "1", 0);
        assertEquals(new HubStatus("house42", HubStatus.State.ONLINE, T0, 0), monitor.status("house42").orElseThrow());
        hub("/bridge", "0", 10);
        HubStatus offline = monitor.status("house42").orElseThrow();
        assertEquals(HubStatus.State.OFFLINE, offline.state());
        assertEquals(T0, offline.lastSeen(), "the will is not a sighting");
        hub("/bridge", "1", 20);
        assertEquals(new HubStatus("house42", HubStatus.State.ONLINE, T0.plusSeconds(20), 1),
                monitor.status("house42").orElseThrow());
        assertEquals(3, told.size());
    }

    @Test
    void readsTheHubsOwnWillAndIgnoresNonsense() {
        hub("/status", "online", 0);
        hub("/status", "banana", 5);
        assertEquals(HubStatus.State.ONLINE, monitor.status("house42").orElseThrow().state());
        hub("/status", "offline", 6);
        assertEquals(HubStatus.State.OFFLINE, monitor.status("house42").orElseThrow().state());
    }

    @Test
    void anyMessageOfTheHubsBridgeIsASighting() {
        InboundMessage reading = new InboundMessage("hub-house42", "house42", "domus/house42/kitchen/t/temperature",
                "21".getBytes(StandardCharsets.UTF_8), 1, false, 2, false, T0.plusSeconds(3));
        monitor.onHouseMessage(reading, "house42");
        HubStatus status = monitor.status("house42").orElseThrow();
        assertEquals(HubStatus.State.UNKNOWN, status.state());
        assertEquals(T0.plusSeconds(3), status.lastSeen());

        InboundMessage device = new InboundMessage("thermostat", "house9", "domus/house9/kitchen/t/temperature",
                "21".getBytes(StandardCharsets.UTF_8), 1, false, 2, false, T0);
        monitor.onHouseMessage(device, "house9");
        assertTrue(monitor.status("house9").isEmpty(), "a device is not the hub");
    }

    @Test
    void tellsListenersAtMostOncePerSecondOfSightings() {
        hub("/bridge", "1", 0);
        for (int i = 0; i < 100; i++) {
            hub("/state/uptime", Integer.toString(i), 0);
        }
        assertEquals(1, told.size());
    }
}
