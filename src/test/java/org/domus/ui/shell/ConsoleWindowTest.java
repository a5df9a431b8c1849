package org.domus.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.domus.model.Room;
import org.domus.store.Database;
import org.domus.ui.ConsoleViews;
import org.domus.ui.fx.FrameBridge;
import org.domus.ui.live.TestGateway;
import org.domus.ui.live.UiFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window opens as it was left: size, last view, theme; and remembers where it is when it closes. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsoleWindowTest {

    @TempDir
    static Path folder;

    private Database database;
    private ConsoleWindow window;
    private Stage stage;
    private Path data;
    private String kitchen;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        data = folder.resolve("data-" + System.nanoTime());
        database = UiFixtures.store(data);
        long kitchenId = database.houses().listRooms(database.houses().findHouse("demo").orElseThrow().id())
                .stream().filter(r -> r.slug().equals("kitchen")).mapToLong(Room::id).findFirst().orElseThrow();
        kitchen = new ViewId.Room("demo", kitchenId).text();
        try {
            Files.writeString(data.resolve(ConsolePreferences.FILE), "window.width=1000\nwindow.height=700\n"
                    + "theme=dark\nview=" + kitchen + "\ndemo-banner.dismissed=true\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        org.domus.ui.ConsoleSession session = ShellViewTest.session(database, data);
        window = new ConsoleWindow(stage, session, Runnable::run,
                FrameBridge.onFxThread(), ConsoleViews.screens(session), ConsoleViews::devices, new TestGateway());
        window.show();
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        WaitForAsyncUtils.waitForFxEvents();
        database.close();
    }

    @Test
    void opensAsItWasLeftAndRemembersOnClose(FxRobot robot) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Kitchen", robot.lookup(".panel-title").queryAs(Label.class).getText());
        assertEquals(1000, stage.getWidth(), 1);
        assertEquals(700, stage.getHeight(), 1);
        assertEquals(new PrimerDark().getUserAgentStylesheet(), Application.getUserAgentStylesheet());
        assertTrue(robot.lookup(".banner-title").tryQuery().isEmpty(), "the banner stays dismissed");

        robot.clickOn(robot.lookup(".screen-simulators").queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.close());
        String saved = Files.readString(data.resolve(ConsolePreferences.FILE));
        assertTrue(saved.contains("view=screen\\:simulators"), saved);
        assertTrue(saved.contains("theme=dark"), saved);
    }

    @Test
    void switchingLanguageKeepsInstallerMode(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#role-toggle");
        awaitFx(() -> robot.lookup("#pin-confirmation").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        robot.clickOn("#pin-field").write("2468");
        robot.clickOn("#pin-confirmation").write("2468");
        robot.clickOn("#pin-submit");
        awaitFx(() -> rawTopicsListed(robot));
        robot.clickOn(robot.lookup(".screen-raw-topics").queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();

        robot.interact(() -> window.setLanguage(Locale.forLanguageTag("es")));
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(rawTopicsListed(robot), "installer-only screens stay listed");
        assertTrue(robot.lookup(".screen-raw-topics").queryAs(javafx.scene.control.ToggleButton.class).isSelected(),
                "the same screen is shown in Spanish");
        assertEquals("Modo instalador", robot.lookup("#role-mode").queryAs(Label.class).getText());
    }

    @Test
    void theStartingFrameHasTheShellsHeaderHeight(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        double shell = headerHeight(stage.getScene().getRoot());
        double starting = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> {
            StartingView view = new StartingView(org.domus.ui.fx.Messages.console(Locale.ENGLISH), data);
            Stage other = new Stage();
            other.setScene(new javafx.scene.Scene(view.root(), 1000, 700));
            other.show();
            double height = headerHeight(view.root());
            other.close();
            return height;
        }));
        assertEquals(shell, starting, 0.5, "the header must not move when the shell replaces the starting frame");
    }

    private static double headerHeight(javafx.scene.Parent root) {
        root.applyCss();
        root.layout();
        return root.lookup(".header").getLayoutBounds().getHeight();
    }

    private static boolean rawTopicsListed(FxRobot robot) {
        return robot.lookup(".screen-raw-topics").tryQuery().map(javafx.scene.Node::isVisible).orElse(false);
    }

    private static void awaitFx(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
