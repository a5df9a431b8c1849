package org.domus.ui.inbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.domus.house.HouseModelService;
import org.domus.ingest.IngestService;
import org.domus.ingest.LiveState;
import org.domus.model.House;
import org.domus.model.InboundMessage;
import org.domus.model.InboundOutcome;
import org.domus.store.Database;
import org.domus.store.StoreOptions;

/** A real store with a house of two rooms, and real ingest in front of it, for the inbox's tests. */
final class InboxFixture implements AutoCloseable {

    final Database db;
    final LiveState liveState = new LiveState();
    final IngestService ingest;
    final HouseModelService service;
    final House house;

    InboxFixture(Path folder) {
        db = Database.open(folder.resolve("domus.db"), StoreOptions.defaults());
        ingest = new IngestService(db.writer(), db.events(), liveState, 10_000);
        service = HouseModelService.of(db, Clock.systemUTC());
        house = db.houseEdits().createHouse("demo", "Demo house", ZoneOffset.UTC);
        db.houseEdits().createRoom(house.id(), null, "kitchen", "Kitchen");
        db.houseEdits().createRoom(house.id(), null, "living-room", "Living room");
    }

    /** Publishes one message as a device would, through ingest, and waits until it is stored. */
    void publish(String topic, String payload) {
        CompletableFuture<InboundOutcome> done = new CompletableFuture<>();
        ingest.accept(new InboundMessage("test-device", "demo", topic, payload.getBytes(StandardCharsets.UTF_8), 1,
                false, 1, false, Instant.now()), done::complete);
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("not stored: " + topic, e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
