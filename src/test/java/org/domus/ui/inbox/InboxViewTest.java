package org.domus.ui.inbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.domus.model.Device;
import org.domus.model.Room;
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

/** The inbox screen, headless, on a real store fed by real ingest: place a discovered device. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InboxViewTest {

    @TempDir
    static Path folder;

    private InboxFixture fixture;
    private ExecutorService background;
    private InboxView view;

    @Start
    void start(Stage stage) {
        fixture = new InboxFixture(folder.resolve("store-" + System.nanoTime()));
        background = Executors.newSingleThreadExecutor();
        InboxViewModel viewModel = new InboxViewModel(fixture.service, fixture.liveState, Locale.ENGLISH, background,
                FrameBridge.onFxThread());
        ControllerFactory.Loaded<InboxView> loaded = new ControllerFactory()
                .register(InboxView.class, () -> new InboxView(viewModel)).load(InboxView.class);
        view = loaded.controller();
        stage.setScene(new Scene(loaded.root(), 1100, 640));
        stage.show();
        viewModel.start();
    }

    @AfterEach
    void stop() {
        view.close();
        background.shutdownNow();
        fixture.close();
    }

    @Test
    void placesADiscoveredDeviceThroughTheDialog(FxRobot robot) {
        fixture.publish("domus/demo/garage/door-sensor/contact", "open");
        ListView<?> devices = robot.lookup(".device-list").queryAs(ListView.class);
        awaitFx(() -> devices.getItems().size() == 1);
        assertEquals("1", robot.lookup(".badge").queryAs(Label.class).getText());

        robot.clickOn("door-sensor");
        robot.clickOn("#place-button");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Save"); // the dialog proposes the first room, Kitchen
        awaitFx(() -> devices.getItems().isEmpty());

        Device placed = fixture.db.houses().listDevices(fixture.house.id()).getFirst();
        assertEquals("Kitchen", room(placed).name());
        assertTrue(robot.lookup("Placed \"door-sensor\" in Kitchen.").tryQuery().isPresent());
        assertEquals("0", robot.lookup(".badge").queryAs(Label.class).getText());
    }

    @Test
    void placesADiscoveredDeviceByDraggingItOntoARoom(FxRobot robot) {
        fixture.publish("domus/demo/attic/fan/power", "ON");
        ListView<?> devices = robot.lookup(".device-list").queryAs(ListView.class);
        awaitFx(() -> devices.getItems().size() == 1);

        robot.drag("fan").dropTo("Living room");
        awaitFx(() -> devices.getItems().isEmpty());
        Device placed = fixture.db.houses().listDevices(fixture.house.id()).getFirst();
        assertEquals("Living room", room(placed).name());
        assertEquals("demo/attic/fan", placed.address().toString());
    }

    @Test
    void enterOnADeviceOpensThePlaceDialogAndCancelLeavesItWaiting(FxRobot robot) {
        fixture.publish("domus/demo/attic/fan/power", "ON");
        ListView<?> devices = robot.lookup(".device-list").queryAs(ListView.class);
        awaitFx(() -> devices.getItems().size() == 1);
        robot.clickOn("fan").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, devices.getItems().size());
        assertTrue(fixture.db.houses().listDevices(fixture.house.id()).getFirst().inInbox());
    }

    @Test
    void namesADiscoveredDeviceAndSaysItsKind(FxRobot robot) {
        fixture.publish("domus/demo/attic/fan/power", "ON");
        ListView<?> devices = robot.lookup(".device-list").queryAs(ListView.class);
        awaitFx(() -> devices.getItems().size() == 1);
        robot.clickOn("fan");
        robot.clickOn("#rename-button");
        WaitForAsyncUtils.waitForFxEvents();
        robot.doubleClickOn("#name-field").eraseText(3).write("Attic fan");
        robot.clickOn("#kind-field").write("switch");
        robot.clickOn("Save");
        awaitFx(() -> "Attic fan".equals(fixture.db.houses().listDevices(fixture.house.id()).getFirst().name()));
        Device described = fixture.db.houses().listDevices(fixture.house.id()).getFirst();
        assertEquals("switch", described.kind());
        assertTrue(described.inInbox(), "naming does not place it");
    }

    private Room room(Device device) {
        return fixture.db.houseEdits().findRoom(device.roomId()).orElseThrow();
    }

    private static void awaitFx(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(java.time.Duration.ofSeconds(15)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
