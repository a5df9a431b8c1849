package org.domus.ui.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.domus.ingest.LiveState;
import org.domus.model.CommandState;
import org.domus.model.Room;
import org.domus.store.Database;
import org.domus.ui.fx.FrameBridge;
import org.domus.ui.live.CommandTracker;
import org.domus.ui.live.HomeLive;
import org.domus.ui.live.TestGateway;
import org.domus.ui.live.UiFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** House and room panels without a toolkit: tiles, their main values and inline controls. */
class PanelViewModelTest {

    @TempDir
    Path folder;

    private Database database;
    private HomeLive home;
    private final TestGateway gateway = new TestGateway();
    private CommandTracker commands;

    @BeforeEach
    void open() {
        database = UiFixtures.store(folder);
        home = UiFixtures.home(database, new LiveState());
        commands = new CommandTracker(gateway, new FrameBridge(Runnable::run));
    }

    @AfterEach
    void close() {
        home.close();
        database.close();
    }

    @Test
    void aHouseGroupsItsTilesByRoom() {
        PanelViewModel panel = new PanelViewModel(home, commands, PanelScope.house("demo"));
        assertEquals("Demo house", panel.titleProperty().get());
        assertEquals(List.of("Bedroom", "Kitchen", "Living room"),
                panel.sectionsProperty().get().stream().map(PanelViewModel.Section::title).toList());
        assertEquals(List.of("Ceiling light", "Floor lamp", "Thermostat"),
                panel.sectionsProperty().get().get(2).tiles().stream().map(TileModel::name).toList());
        assertEquals(4, panel.deviceCount());
    }

    @Test
    void aFloorShowsItsRoomsAndARoomItsDevices() {
        long upstairs = home.structure().house("demo").orElseThrow().floors().get(1).id();
        PanelViewModel floor = new PanelViewModel(home, commands, PanelScope.floor("demo", upstairs));
        assertEquals("Upstairs", floor.titleProperty().get());
        assertEquals("Demo house", floor.subtitleProperty().get());
        assertEquals(List.of("Bedroom"), floor.sectionsProperty().get().stream().map(PanelViewModel.Section::title)
                .toList());
        PanelViewModel room = new PanelViewModel(home, commands, PanelScope.room("demo", kitchen().id()));
        assertEquals("Kitchen", room.titleProperty().get());
        assertEquals(List.of("Smoke alarm"), room.sectionsProperty().get().getFirst().tiles().stream()
                .map(TileModel::name).toList());
    }

    @Test
    void choosesTheMainValueAndInlineControlsByKind() {
        PanelViewModel panel = new PanelViewModel(home, commands, PanelScope.house("demo"));
        TileModel light = tile(panel, "Ceiling light");
        assertEquals("power", light.main().orElseThrow().path().attribute());
        assertInstanceOf(TileControl.Toggle.class, light.controls().getFirst());

        TileModel lamp = tile(panel, "Floor lamp");
        assertEquals("brightness", lamp.main().orElseThrow().path().attribute());
        assertEquals(List.of(TileControl.Toggle.class, TileControl.Level.class),
                lamp.controls().stream().map(Object::getClass).toList());

        TileModel thermostat = tile(panel, "Thermostat");
        assertEquals("temperature", thermostat.main().orElseThrow().path().attribute());
        assertTrue(thermostat.hasSparkline());
        assertInstanceOf(TileControl.Setpoint.class, thermostat.controls().getFirst());

        TileModel smoke = tile(panel, "Smoke alarm");
        assertEquals("smoke", smoke.main().orElseThrow().path().attribute());
        assertTrue(smoke.controls().isEmpty());
    }

    @Test
    void aToggleSendsTheOppositeOfWhatTheDeviceReports() {
        TileModel light = tile(new PanelViewModel(home, commands, PanelScope.house("demo")), "Ceiling light");
        TileControl.Toggle toggle = (TileControl.Toggle) light.controls().getFirst();
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.LIGHT_POWER, "OFF"));
        light.toggle(toggle);
        assertEquals("ON", gateway.last().value());
        assertEquals(CommandState.PENDING, light.commandStatus(toggle).get().state());
        gateway.answer(gateway.last().traceId(), CommandState.CONFIRMED, "");
        assertEquals(CommandState.CONFIRMED, light.commandStatus(toggle).get().state());
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.LIGHT_POWER, "ON"));
        light.toggle(toggle);
        assertEquals("OFF", gateway.last().value());
    }

    @Test
    void aSetpointStepsFromThePendingValueAndStaysInBounds() {
        TileModel thermostat = tile(new PanelViewModel(home, commands, PanelScope.house("demo")), "Thermostat");
        TileControl.Setpoint setpoint = (TileControl.Setpoint) thermostat.controls().getFirst();
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.SETPOINT, "21"));
        thermostat.stepSetpoint(setpoint, 1);
        thermostat.stepSetpoint(setpoint, 1);
        assertEquals(List.of("21.5", "22"), gateway.sent().stream().map(TestGateway.Sent::value).toList());
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.SETPOINT, "30"));
        gateway.answer(gateway.last().traceId(), CommandState.CONFIRMED, "");
        thermostat.stepSetpoint(setpoint, 4);
        assertEquals("30", gateway.last().value(), "30 °C is the thermostat's maximum");
    }

    @Test
    void keepsTilesWhenTheStructureIsReadAgain() {
        PanelViewModel panel = new PanelViewModel(home, commands, PanelScope.house("demo"));
        List<PanelViewModel.Section> before = panel.sectionsProperty().get();
        TileModel light = tile(panel, "Ceiling light");
        home.requestReload();
        assertSame(before, panel.sectionsProperty().get(), "nothing changed: the sections stay as they are");
        Room kitchen = kitchen();
        database.houses().ensureDevice(new org.domus.model.DeviceAddress("demo", "kitchen", "kettle"), kitchen.id(),
                "Kettle", "smart-plug");
        home.requestReload();
        assertEquals(5, panel.deviceCount());
        assertSame(light, tile(panel, "Ceiling light"), "a tile of a device still shown is kept");
    }

    private Room kitchen() {
        return home.structure().house("demo").orElseThrow().rooms().stream()
                .filter(r -> r.slug().equals("kitchen")).findFirst().orElseThrow();
    }

    private static TileModel tile(PanelViewModel panel, String name) {
        return panel.sectionsProperty().get().stream().flatMap(s -> s.tiles().stream())
                .filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
