package org.domus.ui.houses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Scene;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.domus.ingest.LiveState;
import org.domus.model.AttributeKind;
import org.domus.model.Reading;
import org.domus.store.Database;
import org.domus.ui.fx.ControllerFactory;
import org.domus.ui.fx.FrameBridge;
import org.domus.ui.fx.Messages;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The houses screen, headless (Monocle), on a real store. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HousesViewTest {

    @TempDir
    static Path folder;

    private Database database;
    private HousesViewModel viewModel;
    private HousesView view;

    @Start
    void start(Stage stage) {
        database = TestStore.open(folder.resolve("store-" + System.nanoTime()).toAbsolutePath());
        Messages messages = Messages.console(Locale.ENGLISH);
        viewModel = new HousesViewModel(database.houses(), new LiveState(), Runnable::run,
                FrameBridge.onFxThread(), messages);
        ControllerFactory.Loaded<HousesView> loaded = new ControllerFactory()
                .register(HousesView.class, () -> new HousesView(viewModel, messages))
                .load(HousesView.class, messages.bundle());
        view = loaded.controller();
        stage.setScene(new Scene(loaded.root(), 1000, 600));
        stage.show();
        viewModel.start();
    }

    @AfterEach
    void stop() {
        view.close();
        database.close();
    }

    @Test
    void showsTheDemoHouseOpenWithItsRoomsDevicesAndAttributes(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Set<String> names = cellTexts(robot);
        assertTrue(names.containsAll(List.of("Demo house", "Living room", "Kitchen", "Thermostat", "temperature",
                "setpoint", "Kettle", "power", "Lake cabin")), names.toString());
        assertTrue(!names.contains("Porch lamp"), "other houses start closed: " + names);
        TreeTableView<?> tree = robot.lookup(".house-tree").queryAs(TreeTableView.class);
        assertEquals("Demo house", ((HouseTreeNode) tree.getSelectionModel().getSelectedItem().getValue()).title());
    }

    @Test
    void showsLiveValuesAsTheyArrive(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        viewModel.committed(List.of(new Reading(TestStore.TEMPERATURE, Instant.now(), "21.5", 21.5,
                AttributeKind.NUMERIC, null, false)), List.of());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(cellTexts(robot).contains("21.5"), cellTexts(robot).toString());
    }

    @Test
    void aDiscoveredDeviceAppearsInNewDevices(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        TestStore.discoverDevice(database);
        robot.interact(() -> viewModel.applyReadings(Map.of(TestStore.DISCOVERED,
                new Reading(TestStore.DISCOVERED, Instant.now(), "open", null, AttributeKind.TEXT, null, false))));
        WaitForAsyncUtils.waitForFxEvents();
        Set<String> names = cellTexts(robot);
        assertTrue(names.contains("New devices"), names.toString());
        assertTrue(names.contains("door-sensor"), "a new group under an open house opens: " + names);
        assertTrue(names.contains("Thermostat"), "what was open stays open: " + names);
    }

    private static Set<String> cellTexts(FxRobot robot) {
        return robot.lookup(".tree-table-cell").queryAllAs(TreeTableCell.class).stream()
                .map(cell -> cell.getText())
                .filter(text -> text != null && !text.isEmpty())
                .collect(Collectors.toSet());
    }
}
