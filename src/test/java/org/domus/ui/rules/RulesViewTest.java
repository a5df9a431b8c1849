package org.domus.ui.rules;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.domus.rules.CommandPort;
import org.domus.rules.RulesFixture;
import org.domus.rules.Trigger;
import org.domus.ui.fx.ControllerFactory;
import org.domus.ui.fx.FrameBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The rule editor against a real rule engine over a SQLite file. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RulesViewTest {

    @TempDir
    static Path dir;

    private RulesFixture rules;

    @Start
    void start(Stage stage) {
        rules = new RulesFixture(dir.resolve("t" + System.nanoTime()), CommandPort.NONE);
        ResourceBundle text = ResourceBundle.getBundle("org.domus.ui.rules.messages", Locale.ENGLISH);
        RulesViewModel viewModel = new RulesViewModel(rules.engine, Runnable::run, FrameBridge.onFxThread(), text);
        ControllerFactory.Loaded<RulesView> loaded = new ControllerFactory()
                .register(RulesView.class, () -> new RulesView(viewModel, text))
                .load(RulesView.class, text);
        stage.setScene(new Scene(loaded.root(), 1200, 800));
        stage.show();
    }

    @AfterEach
    void close() {
        rules.close();
    }

    private static void replace(FxRobot robot, String field, String value) {
        robot.interact(() -> robot.lookup(field).queryAs(javafx.scene.control.TextField.class).clear());
        robot.clickOn(field).write(value);
    }

    private static String message(FxRobot robot) {
        return robot.lookup("#messageLabel").queryAs(Label.class).getText();
    }

    @Test
    void validatesSavesAndTestsARuleAgainstTheValuesOfTheMoment(FxRobot robot) {
        robot.clickOn("#saveButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Cannot save: Name is required.", message(robot));
        assertTrue(robot.lookup("#messageLabel").query().getPseudoClassStates().toString().contains("problem"));

        robot.clickOn("#nameField").write("Freezer too warm");
        robot.clickOn("#seriesField").write("demo/kitchen/freezer/temperature");
        robot.clickOn("#limitField").write("warm");
        robot.clickOn("#saveButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Cannot save: Limit: \"warm\" is not a number.", message(robot));

        replace(robot, "#limitField", "-15");
        robot.clickOn("#holdField").write("5 minutes");
        robot.clickOn("#saveButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(message(robot).startsWith("Cannot save: \"5 minutes\" is not a duration"), message(robot));

        replace(robot, "#holdField", "5m");
        robot.clickOn("#notifyBox");
        robot.clickOn("#saveButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> message(robot).startsWith("Saved")
                || message(robot).startsWith("Cannot"));
        assertEquals("Saved \"Freezer too warm\"; it runs now.", message(robot));
        ListView<?> list = robot.lookup("#ruleList").queryListView();
        assertEquals(1, list.getItems().size());
        Trigger.Threshold saved = (Trigger.Threshold) rules.engine.list().getFirst().rule().trigger();
        assertEquals(-15, saved.limit());
        assertEquals(Duration.ofMinutes(5), saved.forAtLeast());

        rules.read("demo/kitchen/freezer/temperature", -12);
        robot.clickOn("#testButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> message(robot).contains("would fire"));
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> result = robot.lookup("#testList").queryListView();
        assertEquals("demo/kitchen/freezer/temperature is -12.0: above -15.", result.getItems().getFirst());
        assertTrue(result.getItems().stream().anyMatch(line -> line.toString().contains("notify recipients")),
                result.getItems().toString());
        assertEquals(0, rules.alerts.active().size(), "testing runs no action");
    }

    @Test
    void theTriggerChoiceShowsItsOwnFields(FxRobot robot) {
        assertTrue(robot.lookup("#thresholdRow").query().isVisible());
        robot.interact(() -> robot.lookup("#triggerChoice").queryComboBox().getSelectionModel()
                .select(TriggerType.SCHEDULE));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#cronRow").query().isVisible());
        assertTrue(!robot.lookup("#thresholdRow").query().isVisible());
        assertTrue(!robot.lookup("#holdRow").query().isVisible());
        robot.clickOn("#nameField").write("Weekly check");
        robot.clickOn("#cronField").write("0 9 * * MON");
        robot.clickOn("#testButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> message(robot).contains("would not fire"));
        WaitForAsyncUtils.waitForFxEvents();
        String first = robot.lookup("#testList").queryListView().getItems().getFirst().toString();
        assertTrue(first.startsWith("Next runs (Europe/Madrid): "), first);
    }
}
