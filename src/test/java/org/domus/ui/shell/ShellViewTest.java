package org.domus.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.domus.broker.BrokerStatus;
import org.domus.command.CommandService;
import org.domus.ingest.LiveState;
import org.domus.store.Database;
import org.domus.ui.ConsoleSession;
import org.domus.ui.ConsoleViews;
import org.domus.ui.fx.FrameBridge;
import org.domus.ui.live.TestGateway;
import org.domus.ui.live.UiFixtures;
import org.domus.ui.panel.DeviceTile;
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
 * The console window headless (Monocle) on a real store: navigate to a room, toggle a light and see it
 * confirmed, open a device's chart and switch ranges, search, switch theme and language.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ShellViewTest {

    @TempDir
    static Path folder;

    private Database database;
    private ConsoleWindow window;
    private Path data;
    private final TestGateway gateway = new TestGateway().confirmingAll();

    @Start
    void start(Stage stage) {
        data = folder.resolve("data-" + System.nanoTime());
        database = UiFixtures.store(data);
        ConsoleSession session = session(database, data);
        window = new ConsoleWindow(stage, session, Runnable::run, FrameBridge.onFxThread(),
                ConsoleViews.screens(session), ConsoleViews::devices, gateway);
        window.show();
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.asyncFx(() -> {
            window.close();
            new PrimerLight().getUserAgentStylesheet();
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        });
        WaitForAsyncUtils.waitForFxEvents();
        database.close();
    }

    @Test
    void opensOnTheDemoHouseWithItsBanner(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Demo house", text(robot, ".panel-title"));
        assertTrue(robot.lookup(".banner-title").tryQuery().isPresent(), "the demo banner shows");
        assertEquals(4, robot.lookup(".device-tile").queryAll().size());
        assertEquals(java.util.Set.of("Demo house", "Ground floor", "Upstairs", "Kitchen", "Living room", "Bedroom",
                        "Lake cabin", "Porch"),
                robot.lookup(".nav-name").queryAllAs(Label.class).stream().map(Label::getText)
                        .filter(t -> t != null && !t.isEmpty()).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void listsInstallerScreensOnlyInInstallerModeAndLeavesThemWhenItEnds(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Node rawTopics = robot.lookup(".screen-raw-topics").queryAs(Node.class);
        Node hubs = robot.lookup(".screen-hubs").queryAs(Node.class);
        assertFalse(rawTopics.isVisible(), "homeowners see no raw topics");
        assertTrue(hubs.isVisible(), "everyone sees the hubs' status (provisioning is for installers)");
        robot.interact(() -> window.shell().show("screen:raw-topics"));
        assertEquals("Demo house", text(robot, ".panel-title"), "a homeowner asking for an installer screen gets the house");

        robot.interact(() -> window.screens().installerModeProperty().unbind());
        robot.interact(() -> window.screens().installerModeProperty().set(true));
        assertTrue(rawTopics.isVisible() && hubs.isVisible(), "installers see both");
        robot.interact(() -> window.shell().show("screen:raw-topics"));
        assertEquals("screen:raw-topics", window.shell().viewModel().currentViewProperty().get());

        robot.interact(() -> window.screens().installerModeProperty().set(false));
        assertFalse(window.shell().viewModel().currentViewProperty().get().startsWith("screen:raw-topics"),
                "leaving installer mode leaves its screen");
        assertFalse(rawTopics.isVisible());
    }

    @Test
    void navigatesToARoomAndTogglesALightUntilConfirmed(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(navEntry(robot, "Living room"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Living room", text(robot, ".panel-title"));
        DeviceTile light = tile(robot, "Ceiling light");
        robot.interact(() -> UiFixtures.push(window.home(), UiFixtures.reading(UiFixtures.LIGHT_POWER, "OFF")));
        robot.clickOn(robot.from(light).lookup(".tile-toggle").queryAs(javafx.scene.control.ToggleButton.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("ON", gateway.last().value());
        assertEquals("confirmed", robot.from(light).lookup(".tile-command").queryAs(Label.class).getText());
        robot.interact(() -> UiFixtures.push(window.home(), UiFixtures.reading(UiFixtures.LIGHT_POWER, "ON")));
        assertEquals("On", robot.from(light).lookup(".tile-value").queryAs(Label.class).getText());
    }

    @Test
    void opensADeviceChartSwitchesRangesAndGoesBack(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.from(tile(robot, "Thermostat")).lookup(".tile-name").queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Thermostat", text(robot, ".detail-title"));
        assertEquals(Duration.ofHours(1).toSeconds(), span(robot), 2);
        robot.clickOn(robot.lookup(".range-24h").queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Duration.ofHours(24).toSeconds(), span(robot), 2);
        robot.clickOn(robot.lookup(".range-7d").queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Duration.ofDays(7).toSeconds(), span(robot), 2);
        assertEquals(List.of("mode", "setpoint"), robot.lookup(".control-name").queryAllAs(Label.class).stream()
                .map(Label::getText).toList());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Demo house", text(robot, ".panel-title"));
    }

    @Test
    void searchFiltersTheSideBar(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        robot.write("smoke");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = robot.lookup(".nav-name").queryAllAs(Label.class).stream().filter(Node::isVisible)
                .map(Label::getText).filter(t -> t != null && !t.isEmpty()).toList();
        assertTrue(shown.contains("Kitchen") && !shown.contains("Living room") && !shown.contains("Lake cabin"),
                shown.toString());
    }

    @Test
    void switchesThemeAndLanguageAndRemembersThem(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".theme-button").queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new PrimerDark().getUserAgentStylesheet(), Application.getUserAgentStylesheet());

        robot.clickOn(robot.lookup(".language-button").queryAs(Node.class));
        robot.clickOn(robot.lookup(".language-es").queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Buscar estancias y dispositivos", robot.lookup(".nav-search").queryAs(TextField.class)
                .getPromptText());
        assertEquals("Esta es la casa de demostración", text(robot, ".banner-title"));
        assertEquals("Demo house", text(robot, ".panel-title"), "the same view, rebuilt in Spanish");
        assertTrue(robot.lookup(".status-item").queryAllAs(Label.class).stream()
                .anyMatch(l -> "sin clientes".equals(l.getText())));
        String saved = Files.readString(data.resolve(ConsolePreferences.FILE));
        assertTrue(saved.contains("language=es") && saved.contains("theme=dark"), saved);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static Label navEntry(FxRobot robot, String name) {
        return robot.lookup(".nav-name").queryAllAs(Label.class).stream().filter(l -> name.equals(l.getText()))
                .findFirst().orElseThrow();
    }

    private static DeviceTile tile(FxRobot robot, String name) {
        return robot.lookup(".device-tile").queryAllAs(DeviceTile.class).stream()
                .filter(t -> t.model().name().equals(name)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static double span(FxRobot robot) {
        LineChart<Number, Number> chart = robot.lookup(".device-chart").queryAs(LineChart.class);
        NumberAxis x = (NumberAxis) chart.getXAxis();
        return x.getUpperBound() - x.getLowerBound();
    }

    /** The core as the window sees it: a real store and live state; a quiet broker; no simulators running. */
    static ConsoleSession session(Database database, Path data) {
        LiveState live = new LiveState();
        BrokerStatus broker = ShellViewModelTest.broker();
        SimulatorControl simulator = ShellViewModelTest.simulator();
        return new ConsoleSession() {
            @Override
            public org.domus.rules.RulesServices rules() {
                throw new UnsupportedOperationException("this test shows no rules screens");
            }

            @Override
            public org.domus.ingest.RawTopics rawTopics() {
                return new org.domus.ingest.RawTopics();
            }

            @Override
            public Database store() {
                return database;
            }

            @Override
            public LiveState liveState() {
                return live;
            }

            @Override
            public BrokerStatus broker() {
                return new BrokerStatus() {
                    @Override
                    public String host() {
                        return broker.host();
                    }

                    @Override
                    public int port() {
                        return broker.port();
                    }

                    @Override
                    public org.domus.broker.BrokerMetrics metrics() {
                        return new org.domus.broker.BrokerMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                    }
                };
            }

            @Override
            public Path dataDir() {
                return data;
            }

            @Override
            public CommandService commands() {
                throw new UnsupportedOperationException("this test sends through its own gateway");
            }

            @Override
            public SimulatorControl simulator() {
                return simulator;
            }

            @Override
            public boolean firstRun() {
                return false;
            }
        };
    }
}
