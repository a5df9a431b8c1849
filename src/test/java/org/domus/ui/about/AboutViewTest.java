package org.domus.ui.about;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The About dialog's content: this build's version, licence and libraries; copy; close. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AboutViewTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        AboutViewModel viewModel = new AboutViewModel(AboutInfo::current, Runnable::run, Runnable::run);
        stage.setScene(new Scene(AboutDialog.load(viewModel, Locale.ENGLISH)));
        stage.show();
        viewModel.load();
    }

    @Test
    void showsTheBuildsVersionLicenceAndLibraries(FxRobot robot) {
        String version = org.domus.model.BuildInfo.current().version();
        assertEquals("Version " + version, robot.lookup("#about-version").queryAs(Label.class).getText());
        assertFalse(robot.lookup("#about-licence").queryAs(Label.class).getText().isBlank());
        assertTrue(robot.lookup("#about-runtime").queryAs(Label.class).getText().startsWith("Java "));

        @SuppressWarnings("unchecked")
        TableView<Library> table = robot.lookup("#about-libraries").queryAs(TableView.class);
        List<String> artifacts = table.getItems().stream().map(Library::artifact).toList();
        assertTrue(artifacts.containsAll(List.of("moquette-broker", "sqlite-jdbc", "javafx-controls", "picocli")),
                artifacts.toString());
        assertTrue(table.getItems().stream().noneMatch(l -> l.licence().equals(LibraryCatalog.UNKNOWN)),
                "every library shows its licence");
    }

    @Test
    void copyPutsTheDetailsOnTheClipboard(FxRobot robot) throws Exception {
        robot.clickOn("#about-copy");
        WaitForAsyncUtils.waitForFxEvents();
        String text = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(10, TimeUnit.SECONDS);
        assertTrue(text.startsWith("Domus "), text);
        assertTrue(text.contains("io.moquette:moquette-broker 0.17 (Apache-2.0)"), text);
    }

    @Test
    void closeHidesTheDialog(FxRobot robot) {
        robot.clickOn("#about-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage.isShowing());
    }

    @Test
    void speaksSpanish(FxRobot robot) {
        robot.interact(() -> {
            AboutViewModel viewModel = new AboutViewModel(
                    () -> new AboutInfo("2.0.0", "MIT", "Java 25", List.of()), Runnable::run, Runnable::run);
            stage.setScene(new Scene(AboutDialog.load(viewModel, Locale.forLanguageTag("es"))));
            viewModel.load();
        });
        assertEquals("Versión 2.0.0", robot.lookup("#about-version").queryAs(Label.class).getText());
        assertEquals("Cerrar", robot.lookup("#about-close").queryAs(javafx.scene.control.Button.class).getText());
    }
}
