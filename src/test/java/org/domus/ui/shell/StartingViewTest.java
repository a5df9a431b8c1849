package org.domus.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.stage.Stage;
import org.domus.ui.fx.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The frame the window shows while the core starts, and what it says when the core does not. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StartingViewTest {

    private StartingView view;

    @Start
    void start(Stage stage) {
        view = new StartingView(Messages.console(Locale.ENGLISH), Path.of("/tmp/domus-data"));
        stage.setScene(new Scene(view.root(), 1000, 700));
        stage.show();
    }

    @Test
    void saysTheBrokerIsStarting(FxRobot robot) {
        assertEquals("MQTT broker starting…", robot.lookup(".broker-starting").queryAs(Label.class).getText());
        assertTrue(robot.lookup(".progress-indicator").queryAs(ProgressIndicator.class).isVisible());
    }

    @Test
    void stopsSayingSoWhenTheCoreDidNotStart(FxRobot robot) {
        robot.interact(view::notStarted);

        assertTrue(robot.lookup(".broker-starting").tryQuery().isEmpty(), "nothing says the broker is starting");
        assertEquals("MQTT broker not running", robot.lookup(".broker-down").queryAs(Label.class).getText());
        assertFalse(robot.lookup(".progress-indicator").queryAs(ProgressIndicator.class).isVisible());
        assertTrue(robot.lookup(".view-empty").queryAs(Label.class).getText().startsWith("Domus could not start"));
    }
}
