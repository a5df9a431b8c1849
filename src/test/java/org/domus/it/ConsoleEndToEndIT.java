package org.domus.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.domus.app.ConsoleSimulator;
import org.domus.model.SeriesPath;
import org.domus.ui.ConsoleSession;
import org.domus.ui.ConsoleViews;
import org.domus.ui.fx.FrameBridge;
import org.domus.ui.panel.DeviceTile;
import org.domus.ui.shell.ConsoleWindow;
import org.domus.ui.simulator.SimulatorControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole console, end to end: the real core on a free loopback port with the demo house of a first run, its
 * simulators started as the console starts them, the real console window (headless). A simulated device
 * appears, changes live, and obeys a command sent from its tile.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ConsoleEndToEndIT {

    private static final SeriesPath LIGHT = SeriesPath.parse("demo/living-room/ceiling-light/power");
    private static final SeriesPath TEMPERATURE = SeriesPath.parse("demo/living-room/thermostat/temperature");

    @TempDir
    static Path data;

    private TestCore core;
    private ConsoleSimulator simulator;
    private ConsoleWindow window;

    @Start
    void start(Stage stage) {
        core = TestCore.start(data.resolve("data-" + System.nanoTime()));
        simulator = new ConsoleSimulator(core.core());
        ConsoleSession session = session(core, simulator);
        window = new ConsoleWindow(stage, session, Runnable::run, FrameBridge.onFxThread(),
                ConsoleViews.screens(session), ConsoleViews::devices);
        window.show();
        assertTrue(core.core().firstRun());
        simulator.start(simulator.houses().getFirst(), 0, 0);
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.asyncFx(() -> window.close());
        WaitForAsyncUtils.waitForFxEvents();
        simulator.close();
        core.close();
    }

    @Test
    void aSimulatedDeviceAppearsChangesLiveAndObeysACommand(FxRobot robot) {
        // Appears: the demo house's tiles, and the ceiling light online with its state.
        await().atMost(Duration.ofSeconds(60)).until(() -> tile(robot, "Ceiling light") != null);
        DeviceTile light = tile(robot, "Ceiling light");
        await().atMost(Duration.ofSeconds(60)).until(() -> light.getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("online")));
        await().atMost(Duration.ofSeconds(60)).until(() -> !value(robot, light).equals("—"));

        // Changes live: a reading published on the broker reaches the thermostat's tile.
        var client = core.houseClient("e2e-sensor");
        client.publishWith().topic(TEMPERATURE.topic()).qos(MqttQos.AT_LEAST_ONCE)
                .payload("23.4".getBytes(StandardCharsets.UTF_8)).send().orTimeout(10, TimeUnit.SECONDS).join();
        DeviceTile thermostat = tile(robot, "Thermostat");
        await().atMost(Duration.ofSeconds(60)).until(() -> value(robot, thermostat).equals("23.4 °C"));

        // Obeys: in its room, the tile's toggle goes through the command service to the simulated light and back.
        robot.clickOn(robot.lookup(".nav-name").queryAllAs(Label.class).stream()
                .filter(l -> "Living room".equals(l.getText())).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Living room", robot.lookup(".panel-title").queryAs(Label.class).getText());
        DeviceTile roomLight = tile(robot, "Ceiling light");
        String before = value(robot, roomLight);
        ToggleButton toggle = robot.from(roomLight).lookup(".tile-toggle").queryAs(ToggleButton.class);
        robot.clickOn(toggle);
        await().atMost(Duration.ofSeconds(60)).until(() -> "confirmed".equals(
                robot.from(roomLight).lookup(".tile-command").queryAs(Label.class).getText()));
        String expected = before.equals("On") ? "Off" : "On";
        await().atMost(Duration.ofSeconds(60)).until(() -> value(robot, roomLight).equals(expected));
        assertEquals(expected.equals("On") ? "ON" : "OFF",
                core.core().liveState().latest(LIGHT).orElseThrow().text());
    }

    private static DeviceTile tile(FxRobot robot, String name) {
        return robot.lookup(".device-tile").queryAllAs(DeviceTile.class).stream()
                .filter(t -> t.model().name().equals(name)).findFirst().orElse(null);
    }

    private static String value(FxRobot robot, DeviceTile tile) {
        return robot.from(tile).lookup(".tile-value").queryAs(Label.class).getText();
    }

    private static ConsoleSession session(TestCore core, SimulatorControl simulator) {
        return new org.domus.app.CoreConsoleSession(core.core(), simulator, true);
    }
}
