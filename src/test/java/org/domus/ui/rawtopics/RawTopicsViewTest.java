package org.domus.ui.rawtopics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.domus.ingest.RawTopics;
import org.domus.ui.fx.ControllerFactory;
import org.domus.ui.fx.FrameBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The raw topics screen, headless: follows new topics and filters them. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RawTopicsViewTest {

    private final RawTopics raw = new RawTopics();
    private RawTopicsView view;

    @Start
    void start(Stage stage) {
        RawTopicsViewModel viewModel = new RawTopicsViewModel(raw, Locale.ENGLISH, Runnable::run,
                FrameBridge.onFxThread());
        ControllerFactory.Loaded<RawTopicsView> loaded = new ControllerFactory()
                .register(RawTopicsView.class, () -> new RawTopicsView(viewModel)).load(RawTopicsView.class);
        view = loaded.controller();
        stage.setScene(new Scene(loaded.root(), 1100, 600));
        stage.show();
    }

    @AfterEach
    void stop() {
        view.close();
    }

    @Test
    void showsTopicsAsTheyArriveAndFiltersThem(FxRobot robot) {
        TableView<?> table = robot.lookup(".topic-table").queryAs(TableView.class);
        assertEquals(0, table.getItems().size());
        raw.record("domus/demo/raw/zigbee2mqtt/door", "demo", "{\"contact\":false}".getBytes(StandardCharsets.UTF_8),
                "hub-demo", Instant.now());
        raw.record("domus/demo/hub/status", "demo", "online".getBytes(StandardCharsets.UTF_8), "hub-demo",
                Instant.now());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return table.getItems().size() == 2;
        });
        robot.clickOn(".filter").write("zigbee");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, table.getItems().size());
        assertEquals("{\"contact\":false}", ((RawTopicsViewModel.Row) table.getItems().getFirst()).payload());
    }
}
