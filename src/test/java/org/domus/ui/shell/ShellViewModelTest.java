package org.domus.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.SimpleIntegerProperty;
import org.domus.broker.BrokerMetrics;
import org.domus.broker.BrokerStatus;
import org.domus.ingest.LiveState;
import org.domus.model.DeviceAddress;
import org.domus.sim.Fault;
import org.domus.sim.SimulatorStatus;
import org.domus.store.Database;
import org.domus.ui.fx.Messages;
import org.domus.ui.live.HomeLive;
import org.domus.ui.live.UiFixtures;
import org.domus.ui.simulator.SimulatorControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's state without a toolkit: a real store, synchronous executors. */
class ShellViewModelTest {

    @TempDir
    Path folder;

    private Database database;
    private HomeLive home;
    private ShellViewModel viewModel;

    @BeforeEach
    void open() {
        database = UiFixtures.store(folder);
        home = UiFixtures.home(database, new LiveState());
        viewModel = new ShellViewModel(home, broker(), simulator(), Messages.console(Locale.ENGLISH));
    }

    @AfterEach
    void close() {
        home.close();
        database.close();
    }

    @Test
    void listsHousesFloorsAndRoomsWithDeviceCounts() {
        List<NavEntry> houses = viewModel.navigationProperty().get();
        assertEquals(List.of("Demo house", "Lake cabin"), houses.stream().map(NavEntry::name).toList());
        NavEntry demo = houses.getFirst();
        assertEquals(4, demo.deviceCount());
        assertEquals(List.of("Ground floor", "Upstairs"), demo.children().stream().map(NavEntry::name).toList());
        NavEntry ground = demo.children().getFirst();
        assertEquals(List.of("Kitchen", "Living room"), ground.children().stream().map(NavEntry::name).toList());
        assertEquals(3, ground.children().get(1).deviceCount());
        assertTrue(ground.children().get(1).viewId().startsWith("room:demo:"));
        assertEquals(List.of("Porch"), houses.get(1).children().stream().map(NavEntry::name).toList(),
                "a house without floors lists its rooms directly");
    }

    @Test
    void searchKeepsWhatMatchesByNameOrByADeviceInIt() {
        viewModel.searchProperty().set("kitch");
        assertEquals(List.of("Demo house"), names(viewModel.navigationProperty().get()));
        assertEquals(List.of("Kitchen"), names(viewModel.navigationProperty().get().getFirst().children()
                .getFirst().children()));

        viewModel.searchProperty().set("THERMO");
        NavEntry floor = viewModel.navigationProperty().get().getFirst().children().getFirst();
        assertEquals(List.of("Living room"), names(floor.children()), "the room holding the thermostat");

        viewModel.searchProperty().set("cabin");
        assertEquals(List.of("Lake cabin"), names(viewModel.navigationProperty().get()));
        assertEquals(1, viewModel.navigationProperty().get().getFirst().children().size(), "a matching house keeps all");

        viewModel.searchProperty().set("garage");
        assertTrue(viewModel.navigationProperty().get().isEmpty());
        viewModel.searchProperty().set("  ");
        assertEquals(2, viewModel.navigationProperty().get().size());
    }

    @Test
    void countsAlarmsLive() {
        NavEntry kitchen = viewModel.navigationProperty().get().getFirst().children().getFirst().children().getFirst();
        var alarms = viewModel.alarmCount(kitchen.devices());
        assertEquals(0, alarms.get());
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.SMOKE, "true"));
        assertEquals(1, alarms.get());
        UiFixtures.push(home, UiFixtures.reading(UiFixtures.SMOKE, "false"));
        assertEquals(0, alarms.get());
    }

    @Test
    void statusBarShowsBrokerSimulatorAndNotificationsOnceKnown() {
        assertEquals("MQTT 127.0.0.1:18830", viewModel.brokerProperty().get());
        assertEquals("3 clients", viewModel.clientsProperty().get());
        assertEquals("12.5 msg/s", viewModel.rateProperty().get());
        assertEquals("Simulators: 11 of 12 devices connected", viewModel.simulatorProperty().get());
        assertFalse(viewModel.notificationsKnownProperty().get());
        SimpleIntegerProperty unread = new SimpleIntegerProperty(2);
        viewModel.setUnreadNotifications(unread);
        assertTrue(viewModel.notificationsKnownProperty().get());
        unread.set(5);
        assertEquals(5, viewModel.notificationsProperty().get());
    }

    @Test
    void opensOnTheRememberedViewWhileItExists() {
        String room = viewModel.navigationProperty().get().getFirst().children().getFirst().children().getFirst()
                .viewId();
        assertEquals(Optional.of(room), viewModel.initialView(room));
        assertEquals(Optional.of("house:demo"), viewModel.initialView("room:demo:9999"));
        assertEquals(Optional.of("house:demo"), viewModel.initialView("nonsense"));
        assertEquals(Optional.of("device:demo/living-room/thermostat"),
                viewModel.initialView("device:demo/living-room/thermostat"));
        assertEquals(Optional.of("screen:simulators"), viewModel.initialView("screen:simulators"));
    }

    private static List<String> names(List<NavEntry> entries) {
        return entries.stream().map(NavEntry::name).toList();
    }

    static BrokerStatus broker() {
        return new BrokerStatus() {
            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return 18830;
            }

            @Override
            public BrokerMetrics metrics() {
                return new BrokerMetrics(3, 12.5, 0, 0, 0, 0, 0, 0, 0, 0);
            }
        };
    }

    static SimulatorControl simulator() {
        return new SimulatorControl() {
            @Override
            public List<String> houses() {
                return List.of("demo");
            }

            @Override
            public void start(String house, int scale, double ratePerSecond) {
            }

            @Override
            public void stop() {
            }

            @Override
            public Optional<SimulatorStatus> status() {
                return Optional.of(new SimulatorStatus(true, 12, 11, 100, 0, 0, 0, 0, 0, 0, Duration.ofSeconds(5),
                        null, null));
            }

            @Override
            public List<DeviceAddress> devices() {
                return List.of();
            }

            @Override
            public void inject(DeviceAddress device, Fault fault) {
            }

            @Override
            public int reconnectStorm(int count) {
                return 0;
            }
        };
    }
}
