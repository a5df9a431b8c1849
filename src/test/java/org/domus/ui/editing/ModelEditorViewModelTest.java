package org.domus.ui.editing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import org.domus.house.HouseModelService;
import org.domus.house.HouseOutline;
import org.domus.model.AttributeKind;
import org.domus.model.Device;
import org.domus.model.House;
import org.domus.model.Reading;
import org.domus.model.Room;
import org.domus.store.Database;
import org.domus.store.IngestRecord;
import org.domus.store.StoreOptions;
import org.domus.ui.editing.ModelNode.DeviceNode;
import org.domus.ui.editing.ModelNode.RoomNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model editor's view-model without a toolkit, on a real store; both executors run at once. */
class ModelEditorViewModelTest {

    @TempDir
    Path dir;
    Database db;
    HouseModelService service;
    ModelEditorViewModel viewModel;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        service = HouseModelService.of(db, Clock.systemUTC());
        viewModel = new ModelEditorViewModel(service, new ModelText(Locale.ENGLISH), Runnable::run, Runnable::run);
        viewModel.start();
    }

    @AfterEach
    void close() {
        viewModel.close();
        db.close();
    }

    @Test
    void showsEachEditAsItHappens() {
        assertEquals(List.of(), viewModel.housesProperty().get());
        viewModel.createHouse("Casa", "casa", "Europe/Madrid");
        assertEquals("Created \"Casa\".", viewModel.messageProperty().get());
        long houseId = house().house().id();
        viewModel.createRoom(houseId, null, "Kitchen", "kitchen");
        Room kitchen = house().rooms().getFirst();
        viewModel.createDevice(kitchen.id(), "Lamp", "lamp", "light");
        assertEquals(1, house().devicesIn(kitchen.id()).size());

        viewModel.rename(new RoomNode(house(), kitchen), "Cocina");
        assertEquals("Renamed to \"Cocina\".", viewModel.messageProperty().get());
        assertEquals("Cocina", house().rooms().getFirst().name());
        assertEquals("", viewModel.problemProperty().get());
    }

    @Test
    void aRefusalIsOneSentenceInTheUsersLanguage() {
        ModelEditorViewModel spanish = new ModelEditorViewModel(service, new ModelText(Locale.forLanguageTag("es")),
                Runnable::run, Runnable::run);
        spanish.createHouse("Casa", "casa", "UTC");
        spanish.createRoom(spanish.housesProperty().get().isEmpty() ? house().house().id() : house().house().id(),
                null, "Hub", "hub");
        assertEquals("«hub» está reservado en los topics y no puede nombrar una habitación.",
                spanish.problemProperty().get());
        spanish.createHouse("Otra", "casa", "UTC");
        assertEquals("Ya hay una casa con el nombre corto «casa».", spanish.problemProperty().get());
        assertEquals("", spanish.messageProperty().get());

        viewModel.createHouse("Casa", "Casa Grande", "UTC");
        assertTrue(viewModel.problemProperty().get().startsWith("The short name \"Casa Grande\" may hold only"),
                viewModel.problemProperty().get());
    }

    @Test
    void saysWhatDeletingADeviceRemovesThenRemovesIt() {
        House house = service.createHouse("Casa", "casa", "UTC");
        Room kitchen = service.createRoom(house.id(), null, "Kitchen", "kitchen");
        Device lamp = service.createDevice(kitchen.id(), "Lamp", "lamp", "light");
        write(new Reading(lamp.address().attribute("power"), Instant.now(), "ON", 1.0, AttributeKind.BOOLEAN,
                null, false));
        viewModel.requestReload();
        DeviceNode node = new DeviceNode(house(), house().devices().getFirst());

        AtomicReference<String> impact = new AtomicReference<>();
        viewModel.impact(node, impact::set);
        assertTrue(impact.get().startsWith("Delete the device \"Lamp\" with its attribute and 1 readings"),
                impact.get());
        assertTrue(impact.get().contains("comes back under New devices"), impact.get());

        viewModel.delete(node, null);
        assertEquals("Deleted \"Lamp\": 1 device, 1 attribute and 1 readings removed.",
                viewModel.messageProperty().get());
        assertTrue(house().devices().isEmpty());
    }

    @Test
    void deletingARoomSendsItsDevicesToTheInbox() {
        House house = service.createHouse("Casa", "casa", "UTC");
        Room kitchen = service.createRoom(house.id(), null, "Kitchen", "kitchen");
        service.createDevice(kitchen.id(), "Lamp", "lamp", "light");
        viewModel.requestReload();
        RoomNode node = new RoomNode(house(), kitchen);

        AtomicReference<String> impact = new AtomicReference<>();
        viewModel.impact(node, impact::set);
        assertTrue(impact.get().contains("Its device stays, history included. Among them: Lamp."),
                impact.get());
        viewModel.delete(node, null);
        assertEquals("Deleted \"Kitchen\"; no readings were lost.", viewModel.messageProperty().get());
        assertEquals(1, house().inbox().size());
        assertTrue(house().rooms().isEmpty());
    }

    @Test
    void aNameFormProposesTheSlugUntilOneIsTyped() {
        NameForm form = new NameForm(new ModelText(Locale.ENGLISH), "room", NameForm.SlugRule.ROOM, "");
        assertFalse(form.validProperty().get());
        assertEquals("The room needs a name.", form.problemProperty().get());
        form.nameProperty().set("Salón de té");
        assertEquals("salon-de-te", form.slugProperty().get());
        assertTrue(form.validProperty().get());
        form.slugProperty().set("hub");
        assertEquals("\"hub\" is reserved in topics and cannot name a room.", form.problemProperty().get());
        form.nameProperty().set("Tea room");
        assertEquals("hub", form.slugProperty().get(), "a typed slug is kept");
        form.slugProperty().set("");
        form.nameProperty().set("Tea room 2");
        assertEquals("tea-room-2", form.slugProperty().get(), "clearing the slug lets it follow the name again");

        NameForm rename = new NameForm(new ModelText(Locale.ENGLISH), "device", NameForm.SlugRule.NONE, "Lamp");
        assertFalse(rename.hasSlug());
        assertTrue(rename.validProperty().get());
    }

    private HouseOutline house() {
        return viewModel.housesProperty().get().getFirst();
    }

    private void write(Reading reading) {
        java.util.concurrent.CompletableFuture<Object> done = new java.util.concurrent.CompletableFuture<>();
        db.writer().submit(new IngestRecord(List.of(reading), null, done::complete));
        done.join();
    }
}
