package org.domus.ui.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.domus.model.DeviceAddress;
import org.domus.sim.Fault;
import org.domus.sim.SimulatorStatus;
import org.domus.ui.fx.ControllerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The simulator panel's controls, against a control that records what it is asked (the runtime has its IT). */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatorViewTest {

    private static final DeviceAddress LIGHT = new DeviceAddress("demo", "living-room", "ceiling-light");

    /** Runs a house of one light; remembers starts, stops and faults. */
    static final class RecordingControl implements SimulatorControl {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean running;

        @Override
        public List<String> houses() {
            return List.of("demo", "family-house");
        }

        @Override
        public void start(String house, int scale, double ratePerSecond) {
            calls.add("start " + house + " " + scale);
            running = true;
        }

        @Override
        public void stop() {
            calls.add("stop");
            running = false;
        }

        @Override
        public Optional<SimulatorStatus> status() {
            return running ? Optional.of(new SimulatorStatus(true, 1, 1, 42, 0, 0, 3, 1, 0, 0, Duration.ofSeconds(2),
                    Duration.ofMillis(600), null)) : Optional.empty();
        }

        @Override
        public List<DeviceAddress> devices() {
            return running ? List.of(LIGHT) : List.of();
        }

        @Override
        public void inject(DeviceAddress device, Fault fault) {
            calls.add(fault.getClass().getSimpleName() + " " + device);
        }

        @Override
        public int reconnectStorm(int count) {
            calls.add("storm " + count);
            return count;
        }
    }

    private final RecordingControl control = new RecordingControl();

    @Start
    void start(Stage stage) {
        SimulatorViewModel viewModel = new SimulatorViewModel(control, Runnable::run, Runnable::run,
                org.domus.ui.fx.Messages.console(java.util.Locale.ENGLISH));
        ControllerFactory.Loaded<SimulatorView> loaded = new ControllerFactory()
                .register(SimulatorView.class, () -> new SimulatorView(viewModel))
                .load(SimulatorView.class, org.domus.ui.fx.Messages.console(java.util.Locale.ENGLISH).bundle());
        stage.setScene(new Scene(loaded.root(), 1100, 600));
        stage.show();
    }

    @Test
    void startsTheChosenHouseListsItsDevicesAndInjectsFaults(FxRobot robot) {
        Button stop = robot.lookup("#stopButton").queryButton();
        assertTrue(stop.isDisabled(), "nothing runs yet");
        assertTrue(robot.lookup("#offlineButton").queryButton().isDisabled());

        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("start demo 0"), control.calls);
        ListView<?> devices = robot.lookup("#deviceList").queryListView();
        assertEquals(1, devices.getItems().size());
        String status = robot.lookup("#statusLabel").queryAs(Label.class).getText();
        assertTrue(status.startsWith("1 of 1 devices connected, all connected in 0.6 s"), status);

        robot.clickOn("demo/living-room/ceiling-light");
        robot.clickOn("#offlineButton");
        robot.clickOn("#muteButton");
        robot.clickOn("#recoverButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("start demo 0", "Offline " + LIGHT, "Mute " + LIGHT, "Recover " + LIGHT),
                new ArrayList<>(control.calls));
        assertEquals("Recovered: " + LIGHT + ".", robot.lookup("#messageLabel").queryAs(Label.class).getText());

        robot.clickOn("#stopButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("stop", control.calls.getLast());
        assertEquals("Not running", robot.lookup("#statusLabel").queryAs(Label.class).getText());
        assertTrue(devices.getItems().isEmpty());
    }
}
