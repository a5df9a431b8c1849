package org.domus.ui.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.domus.ingest.HubStatus;
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

/** The hubs view against provisioning on a real store: the wizard writes the files, the table shows the hub. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProvisionViewTest {

    @TempDir
    static Path dir;

    private StoreProvisioning provisioning;
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @Start
    void start(Stage stage) throws Exception {
        provisioning = new StoreProvisioning(Files.createTempDirectory(dir, "store"));
        ResourceBundle messages = ResourceBundle.getBundle("org.domus.ui.provision.messages", Locale.forLanguageTag(
                System.getProperty("domus.test.locale", "en")));
        ProvisionViewModel viewModel = new ProvisionViewModel(provisioning, background,
                new FrameBridge(Platform::runLater), messages, ZoneOffset.UTC);
        ControllerFactory.Loaded<ProvisionView> loaded = new ControllerFactory()
                .register(ProvisionView.class, () -> new ProvisionView(viewModel))
                .load(ProvisionView.class, messages);
        stage.setScene(new Scene(loaded.root(), 1100, 720));
        stage.show();
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
        provisioning.close();
    }

    @Test
    void writesTheBootFilesWithAProgressBarAndShowsTheHub(FxRobot robot) throws Exception {
        Path out = dir.resolve("boot-" + System.nanoTime());
        robot.clickOn("#passwordField").write("pw");
        robot.clickOn("#wifiSsidField").write("HomeNet");
        robot.clickOn("#wifiPassphraseField").write("secret123");
        robot.interact(() -> robot.lookup("#outDirField").queryTextInputControl().setText(out.toString()));
        robot.clickOn("#provisionButton");
        ProgressBar progress = robot.lookup("#progressBar").queryAs(ProgressBar.class);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> progress.getProgress() == 1.0);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.isRegularFile(out.resolve("firstrun.sh")));
        assertTrue(Files.isRegularFile(out.resolve("domus-hub-house42-sheet.png")));
        String secrets = robot.lookup("#secretsLabel").queryAs(Label.class).getText();
        assertTrue(secrets.contains("hub-house42 / "), secrets);
        assertEquals("", robot.lookup("#passwordField").queryTextInputControl().getText());

        provisioning.push(new HubStatus("house42", HubStatus.State.ONLINE, Instant.now(), 1));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#hubTable").queryTableView();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> table.getItems().size() == 1);
    }

    @Test
    void showsARefusalInOneSentence(FxRobot robot) {
        robot.clickOn("#passwordField").write("pw");
        robot.clickOn("#hostnameField").write("Bad Name");
        robot.clickOn("#provisionButton");
        WaitForAsyncUtils.waitForFxEvents();
        String message = robot.lookup("#messageLabel").queryAs(Label.class).getText();
        assertTrue(message.contains("is not a valid host name"), message);
        assertTrue(robot.lookup("#messageLabel").queryAs(Label.class).getPseudoClassStates().stream()
                .anyMatch(state -> state.getPseudoClassName().equals("failed")));
    }
}
