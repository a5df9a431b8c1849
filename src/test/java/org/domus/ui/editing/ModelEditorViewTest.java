package org.domus.ui.editing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.domus.house.HouseModelService;
import org.domus.model.AttributeKind;
import org.domus.model.Device;
import org.domus.model.House;
import org.domus.model.Reading;
import org.domus.model.Room;
import org.domus.store.Database;
import org.domus.store.IngestRecord;
import org.domus.store.StoreOptions;
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

/** The model editor, headless, on a real store: create a room, delete a device after reading what goes. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModelEditorViewTest {

    @TempDir
    static Path folder;

    private Database db;
    private ExecutorService background;
    private ModelEditorView view;
    private House house;
    private Device lamp;

    @Start
    void start(Stage stage) {
        db = Database.open(folder.resolve("store-" + System.nanoTime()).resolve("domus.db"), StoreOptions.defaults());
        house = db.houseEdits().createHouse("demo", "Demo house", ZoneOffset.UTC);
        Room kitchen = db.houseEdits().createRoom(house.id(), null, "kitchen", "Kitchen");
        lamp = db.houseEdits().createDevice(house.id(), kitchen.id(), "kitchen", "lamp", "Lamp", "light");
        CompletableFuture<Object> written = new CompletableFuture<>();
        db.writer().submit(new IngestRecord(List.of(new Reading(lamp.address().attribute("power"), Instant.now(),
                "ON", 1.0, AttributeKind.BOOLEAN, null, false)), null, written::complete));
        written.join();
        background = Executors.newSingleThreadExecutor();
        HouseModelService service = HouseModelService.of(db, Clock.systemUTC());
        ModelEditorViewModel viewModel = new ModelEditorViewModel(service, new ModelText(Locale.ENGLISH), background,
                FrameBridge.onFxThread());
        ControllerFactory.Loaded<ModelEditorView> loaded = new ControllerFactory()
                .register(ModelEditorView.class, () -> new ModelEditorView(viewModel)).load(ModelEditorView.class);
        view = loaded.controller();
        stage.setScene(new Scene(loaded.root(), 1100, 640));
        stage.show();
        viewModel.start();
    }

    @AfterEach
    void stop() {
        view.close();
        background.shutdownNow();
        db.close();
    }

    @Test
    void createsARoomWithTheSlugProposedFromItsName(FxRobot robot) {
        awaitFx(() -> robot.lookup("Demo house  ·  demo").tryQuery().isPresent());
        robot.clickOn("Demo house  ·  demo");
        robot.clickOn("#newRoom-button");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#name-field").write("Tea room");
        assertEquals("tea-room", robot.lookup("#slug-field").queryAs(TextField.class).getText());
        robot.clickOn("Create");
        awaitFx(() -> robot.lookup("Tea room  ·  tea-room").tryQuery().isPresent());
        assertTrue(db.houses().listRooms(house.id()).stream().anyMatch(r -> r.slug().equals("tea-room")));
        assertTrue(robot.lookup("Created \"Tea room\".").tryQuery().isPresent());
    }

    @Test
    void deletesADeviceOnlyAfterSayingWhatGoes(FxRobot robot) {
        awaitFx(() -> robot.lookup("Lamp  ·  demo/kitchen/lamp").tryQuery().isPresent());
        robot.clickOn("Lamp  ·  demo/kitchen/lamp");
        robot.clickOn("#delete-button");
        awaitFx(() -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        assertTrue(robot.lookup(node -> node instanceof javafx.scene.control.Label label && label.getText() != null
                && label.getText().startsWith("Delete the device \"Lamp\" with its attribute and 1 readings"))
                .tryQuery().isPresent());
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, db.houses().listDevices(house.id()).size(), "cancelled: nothing deleted");

        robot.clickOn("Lamp  ·  demo/kitchen/lamp").type(javafx.scene.input.KeyCode.DELETE); // the key asks too
        awaitFx(() -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        robot.clickOn("#confirm-delete");
        awaitFx(() -> db.houses().listDevices(house.id()).isEmpty()
                && robot.lookup("Deleted \"Lamp\": 1 device, 1 attribute and 1 readings removed.").tryQuery().isPresent());
    }

    private static void awaitFx(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
