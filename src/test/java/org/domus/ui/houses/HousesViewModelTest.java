package org.domus.ui.houses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.domus.ingest.LiveState;
import org.domus.model.AttributeKind;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;
import org.domus.store.Database;
import org.domus.ui.fx.FrameBridge;
import org.domus.ui.fx.Messages;
import java.util.Locale;
import org.domus.ui.houses.HouseTreeNode.AttributeNode;
import org.domus.ui.houses.HouseTreeNode.DeviceNode;
import org.domus.ui.houses.HouseTreeNode.GroupNode;
import org.domus.ui.houses.HouseTreeNode.HouseNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view-model without a toolkit: synchronous executors, a real store. */
class HousesViewModelTest {

    @TempDir
    Path folder;

    private Database database;
    private HousesViewModel viewModel;

    @BeforeEach
    void start() {
        database = TestStore.open(folder);
        viewModel = new HousesViewModel(database.houses(), new LiveState(), Runnable::run,
                new FrameBridge(Runnable::run), Messages.console(Locale.ENGLISH));
        viewModel.start();
    }

    @AfterEach
    void stop() {
        viewModel.close();
        database.close();
    }

    @Test
    void listsHousesWithTheDemoHouseFirstAndRoomsByName() {
        List<HouseNode> houses = viewModel.treeProperty().get();
        assertEquals(List.of("Demo house", "Lake cabin"), houses.stream().map(HouseTreeNode::title).toList());
        HouseNode demo = houses.getFirst();
        assertEquals(List.of("Kitchen", "Living room"), demo.groups().stream().map(GroupNode::title).toList());
        DeviceNode thermostat = demo.groups().get(1).devices().getFirst();
        assertEquals("Thermostat", thermostat.title());
        assertEquals(List.of("setpoint", "temperature"), thermostat.attributes().stream().map(AttributeNode::title).toList());
        assertEquals("°C", thermostat.attributes().getFirst().attribute().unit());
        assertEquals("2 houses · 3 devices", viewModel.summaryProperty().get());
        assertEquals("demo", viewModel.initialHouse());
    }

    @Test
    void showsTheLatestValueAndNeverGoesBackInTime() {
        viewModel.applyReadings(Map.of(TestStore.TEMPERATURE, reading(TestStore.TEMPERATURE, "21.5", "2026-11-23T10:00:05Z")));
        LiveValue temperature = attribute(TestStore.TEMPERATURE).live();
        assertEquals("21.5", temperature.getValue());
        assertEquals(Instant.parse("2026-11-23T10:00:05Z"), temperature.getLastSeen());

        viewModel.applyReadings(Map.of(TestStore.TEMPERATURE, reading(TestStore.TEMPERATURE, "19.0", "2026-11-23T10:00:01Z")));
        assertEquals("21.5", temperature.getValue(), "an older reading does not replace a newer one");

        DeviceNode thermostat = device("Thermostat");
        assertEquals(Instant.parse("2026-11-23T10:00:05Z"), thermostat.live().getLastSeen());
    }

    @Test
    void committedReadingsReachTheTreeThroughTheBridge() {
        viewModel.committed(List.of(reading(TestStore.POWER, "ON", "2026-11-23T10:00:00Z"),
                reading(TestStore.POWER, "OFF", "2026-11-23T10:00:02Z")), List.of());
        assertEquals("OFF", attribute(TestStore.POWER).live().getValue());
    }

    @Test
    void aDiscoveredDeviceAppearsInTheInboxWithItsValue() {
        TestStore.discoverDevice(database);
        Reading contact = reading(TestStore.DISCOVERED, "open", "2026-11-23T10:00:00Z");

        viewModel.applyReadings(Map.of(TestStore.DISCOVERED, contact));

        HouseNode demo = viewModel.treeProperty().get().getFirst();
        GroupNode inbox = demo.groups().getLast();
        assertTrue(inbox.inbox());
        assertEquals("New devices", inbox.title());
        assertEquals(List.of("door-sensor"), inbox.devices().stream().map(DeviceNode::title).toList());
        assertEquals("2 houses · 4 devices · 1 new", viewModel.summaryProperty().get());
        // The reading that revealed the device is shown once the device is, from later batches on.
        viewModel.applyReadings(Map.of(TestStore.DISCOVERED, contact));
        assertEquals("open", attribute(TestStore.DISCOVERED).live().getValue());
    }

    @Test
    void keepsLiveValuesAcrossReloads() {
        viewModel.applyReadings(Map.of(TestStore.SETPOINT, reading(TestStore.SETPOINT, "22", "2026-11-23T10:00:00Z")));
        LiveValue before = attribute(TestStore.SETPOINT).live();

        viewModel.requestReload();

        assertTrue(before == attribute(TestStore.SETPOINT).live(), "the same live value is reused");
        assertEquals("22", attribute(TestStore.SETPOINT).live().getValue());
    }

    private static Reading reading(SeriesPath series, String text, String ts) {
        Double number = text.matches("-?\\d+(\\.\\d+)?") ? Double.valueOf(text) : null;
        AttributeKind kind = number != null ? AttributeKind.NUMERIC : AttributeKind.TEXT;
        return new Reading(series, Instant.parse(ts), text, number, kind, null, true);
    }

    private DeviceNode device(String title) {
        return viewModel.treeProperty().get().stream()
                .flatMap(house -> house.groups().stream())
                .flatMap(group -> group.devices().stream())
                .filter(device -> device.title().equals(title))
                .findFirst().orElseThrow();
    }

    private AttributeNode attribute(SeriesPath series) {
        return viewModel.treeProperty().get().stream()
                .flatMap(house -> house.groups().stream())
                .flatMap(group -> group.devices().stream())
                .flatMap(device -> device.attributes().stream())
                .filter(attribute -> attribute.attribute().path().equals(series))
                .findFirst().orElseThrow();
    }
}
