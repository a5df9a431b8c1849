package org.domus.house;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.domus.model.Device;
import org.domus.model.Event;
import org.domus.model.House;
import org.domus.model.InvalidModelException;
import org.domus.model.ModelProblem;
import org.domus.model.Room;
import org.domus.store.Database;
import org.domus.store.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model-editing service on a real store: listeners, events, outlines. */
class HouseModelServiceTest {

    @TempDir
    Path dir;
    Database db;
    HouseModelService service;
    List<Long> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        service = HouseModelService.of(db, Clock.systemUTC());
        service.addListener(changes::add);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void eachEditTellsTheListenersAndLeavesAnEvent() {
        House house = service.createHouse("Casa", "casa", "Europe/Madrid");
        Room salon = service.createRoom(house.id(), null, "Salón", "salon");
        Device lamp = service.createDevice(salon.id(), "Lamp", "lamp", "light");
        service.moveDevice(lamp.id(), null);
        assertEquals(List.of(house.id(), house.id(), house.id(), house.id()), changes);
        assertEquals(new org.domus.model.DeviceAddress("casa", "salon", "lamp"), lamp.address());

        // Events are queued for the writer and committed a moment later.
        org.awaitility.Awaitility.await().until(() -> db.events().recent(10).stream().map(Event::type).toList()
                .containsAll(List.of("model.house.created", "model.room.created", "model.device.created",
                        "model.device.moved")));
    }

    @Test
    void theOutlineListsTheInboxAndTheRoomsDevices() {
        House house = service.createHouse("Casa", "casa", "UTC");
        Room salon = service.createRoom(house.id(), null, "Salón", "salon");
        Device lamp = service.createDevice(salon.id(), "Lamp", "lamp", "light");
        Device plug = service.createDevice(salon.id(), "Plug", "plug", "switch");
        service.moveDevice(plug.id(), null);

        HouseOutline outline = service.outline(house.id()).orElseThrow();
        assertEquals(List.of(lamp), outline.devicesIn(salon.id()));
        assertEquals(List.of(service.outline(house.id()).orElseThrow().inbox().getFirst()), outline.inbox());
        assertEquals("plug", outline.inbox().getFirst().address().device());
        assertEquals(List.of(salon), outline.roomsOn(null));
    }

    @Test
    void aDeviceIngestDiscoversTellsTheListenersOfItsHouse() {
        House house = service.createHouse("Casa", "casa", "UTC");
        changes.clear();
        java.util.concurrent.CompletableFuture<Object> written = new java.util.concurrent.CompletableFuture<>();
        db.writer().submit(new org.domus.store.IngestRecord(List.of(new org.domus.model.Reading(
                org.domus.model.SeriesPath.parse("casa/garage/door/contact"), java.time.Instant.now(), "open", null,
                org.domus.model.AttributeKind.TEXT, null, false)), null, written::complete));
        written.join();
        // Commit listeners run just after the record's own callback.
        org.awaitility.Awaitility.await().until(() -> changes.equals(List.of(house.id())));
        assertEquals(1, service.outline(house.id()).orElseThrow().inbox().size());
    }

    @Test
    void refusesAnUnknownTimeZoneWithOneSentence() {
        InvalidModelException refused = assertThrows(InvalidModelException.class,
                () -> service.createHouse("Casa", "casa", "Mars/Olympus"));
        assertEquals(ModelProblem.ZONE_INVALID, refused.problem());
        assertEquals("\"Mars/Olympus\" is not a time zone (for example Europe/Madrid or UTC).", refused.getMessage());
        assertTrue(changes.isEmpty());
        assertEquals(ZoneId.of("UTC"), HouseModelService.zone(" UTC "));
    }

    @Test
    void suggestsSlugsFromNames() {
        assertEquals("salon-de-te", HouseModelService.suggestSlug("Salón de té"));
        assertEquals("kids-room-2", HouseModelService.suggestSlug("  Kid's room #2 "));
        assertEquals("", HouseModelService.suggestSlug("¡¿!"));
        assertEquals(63, HouseModelService.suggestSlug("x".repeat(100)).length());
    }
}
