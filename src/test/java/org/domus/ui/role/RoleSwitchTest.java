package org.domus.ui.role;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.domus.access.InstallerAccess;
import org.domus.store.Database;
import org.domus.store.PasswordHasher;
import org.domus.store.StoreOptions;
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

/** The mode switch and its PIN dialog, headless, on a real store. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RoleSwitchTest {

    @TempDir
    static Path folder;

    private Database db;
    private ExecutorService background;
    private RoleViewModel viewModel;

    @Start
    void start(Stage stage) {
        db = Database.open(folder.resolve("store-" + System.nanoTime()).resolve("domus.db"), StoreOptions.defaults());
        background = Executors.newSingleThreadExecutor();
        viewModel = new RoleViewModel(new InstallerAccess(db.settings(), new PasswordHasher(64, 1, 1),
                Clock.systemUTC()), Locale.ENGLISH, background, FrameBridge.onFxThread());
        stage.setScene(new Scene(new BorderPane(new Label("content"), new RoleSwitch(viewModel), null, null, null),
                800, 500));
        stage.show();
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
        db.close();
    }

    @Test
    void setsThePinOnTheFirstSwitchThenAsksForItAndRefusesAWrongOne(FxRobot robot) {
        assertEquals("Homeowner mode", mode(robot));
        robot.clickOn("#role-toggle");
        awaitFx(() -> robot.lookup("#pin-confirmation").tryQuery().map(n -> n.isVisible()).orElse(false));
        robot.clickOn("#pin-field").write("2468");
        robot.clickOn("#pin-confirmation").write("2468");
        robot.clickOn("#pin-submit");
        awaitFx(() -> viewModel.installerModeProperty().get());
        assertEquals("Installer mode", mode(robot));
        assertTrue(robot.lookup("#pin-field").tryQuery().isEmpty(), "the dialog closed");

        robot.clickOn("#role-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(viewModel.installerModeProperty().get());
        assertEquals("Homeowner mode", mode(robot));

        robot.clickOn("#role-toggle");
        awaitFx(() -> robot.lookup("#pin-field").tryQuery().isPresent());
        assertFalse(robot.lookup("#pin-confirmation").query().isVisible(), "the PIN is asked once now");
        robot.clickOn("#pin-field").write("1111");
        robot.clickOn("#pin-submit");
        awaitFx(() -> !viewModel.messageProperty().get().isEmpty());
        assertTrue(robot.lookup("Wrong PIN. 4 tries left before PIN entry pauses.").tryQuery().isPresent());
        assertFalse(viewModel.installerModeProperty().get());

        robot.clickOn("#pin-field").write("2468");
        robot.clickOn("#pin-submit");
        awaitFx(() -> viewModel.installerModeProperty().get());
    }

    @Test
    void anInstallerChangesThePinFromTheSwitch(FxRobot robot) {
        assertFalse(robot.lookup("#role-change-pin").query().isVisible(), "only in installer mode");
        robot.clickOn("#role-toggle");
        awaitFx(() -> robot.lookup("#pin-confirmation").tryQuery().map(n -> n.isVisible()).orElse(false));
        robot.clickOn("#pin-field").write("2468");
        robot.clickOn("#pin-confirmation").write("2468");
        robot.clickOn("#pin-submit");
        awaitFx(() -> viewModel.installerModeProperty().get());

        robot.clickOn("#role-change-pin");
        awaitFx(() -> robot.lookup("#pin-current").tryQuery().map(n -> n.isVisible()).orElse(false));
        robot.clickOn("#pin-current").write("2468");
        robot.clickOn("#pin-field").write("9753");
        robot.clickOn("#pin-confirmation").write("9753");
        robot.clickOn("#pin-submit");
        awaitFx(() -> robot.lookup("#pin-current").tryQuery().isEmpty());
        assertTrue(viewModel.installerModeProperty().get());
    }

    private static String mode(FxRobot robot) {
        return robot.lookup("#role-mode").queryAs(Label.class).getText();
    }

    private static void awaitFx(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
