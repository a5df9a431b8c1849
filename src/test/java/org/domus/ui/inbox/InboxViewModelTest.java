package org.domus.ui.inbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.domus.model.Device;
import org.domus.model.Room;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The inbox's view-model without a toolkit, on a real store fed by real ingest. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InboxViewModelTest {

    @TempDir
    Path dir;
    InboxFixture fixture;
    ExecutorService background = Executors.newSingleThreadExecutor();
    InboxViewModel viewModel;

    @BeforeEach
    void open() {
        fixture = new InboxFixture(dir);
        // The "FX thread" is the background thread itself: properties change there, one after another.
        viewModel = new InboxViewModel(fixture.service, fixture.liveState, Locale.ENGLISH, background, Runnable::run);
        viewModel.start();
    }

    @AfterEach
    void close() {
        viewModel.close();
        background.shutdownNow();
        fixture.close();
    }

    @Test
    void aDeviceThatPublishesForTheFirstTimeShowsUpLive() {
        await().until(() -> viewModel.houseProperty().get() != null);
        assertEquals(0, viewModel.devices().size());
        assertEquals(List.of("Kitchen", "Living room"), roomNames());

        fixture.publish("domus/demo/garage/door-sensor/contact", "open");
        fixture.publish("domus/demo/garage/door-sensor/battery", "77");
        await().atMost(Duration.ofSeconds(10)).until(() -> viewModel.devices().size() == 1
                && viewModel.devices().getFirst().attributes().equals("Reports: battery, contact"));
        InboxViewModel.Entry entry = viewModel.devices().getFirst();
        assertEquals("door-sensor", entry.device().name());
        assertTrue(entry.line().startsWith("demo/garage/door-sensor · kind not known yet · seen first "), entry.line());
        assertEquals(1, viewModel.waitingEverywhereProperty().get());
        assertEquals("1 device waiting", viewModel.summaryProperty().get());
    }

    @Test
    void placingADeviceTakesItOutOfTheInboxAndKeepsItsTopics() {
        fixture.publish("domus/demo/garage/door-sensor/contact", "open");
        await().until(() -> viewModel.devices().size() == 1);
        Device device = viewModel.devices().getFirst().device();
        Room kitchen = viewModel.rooms().getFirst().room();

        background.execute(() -> viewModel.place(device.id(), kitchen.id()));
        await().until(() -> viewModel.devices().isEmpty());
        assertEquals("Placed \"door-sensor\" in Kitchen.", viewModel.messageProperty().get());
        assertEquals("1 device", viewModel.rooms().getFirst().count());
        Device placed = fixture.db.houseEdits().findDevice(device.id()).orElseThrow();
        assertEquals(kitchen.id(), placed.roomId());
        assertEquals("demo/garage/door-sensor", placed.address().toString());

        // It keeps publishing on its old topics, and stays where it was placed.
        fixture.publish("domus/demo/garage/door-sensor/contact", "closed");
        assertEquals(kitchen.id(), fixture.db.houseEdits().findDevice(device.id()).orElseThrow().roomId());
    }

    @Test
    void deletingAWaitingDeviceSaysWhatGoes() {
        fixture.publish("domus/demo/attic/fan/power", "ON");
        await().until(() -> viewModel.devices().size() == 1);
        long id = viewModel.devices().getFirst().device().id();
        java.util.concurrent.atomic.AtomicReference<String> impact = new java.util.concurrent.atomic.AtomicReference<>();
        background.execute(() -> viewModel.impact(id, impact::set));
        await().until(() -> impact.get() != null);
        assertTrue(impact.get().startsWith("Delete the device \"fan\" with its attribute and 1 readings"),
                impact.get());
        background.execute(() -> viewModel.delete(id));
        await().until(() -> viewModel.devices().isEmpty());
        assertTrue(fixture.db.houseEdits().findDevice(id).isEmpty());
    }

    private List<String> roomNames() {
        return viewModel.rooms().stream().map(r -> r.room().name()).toList();
    }
}
