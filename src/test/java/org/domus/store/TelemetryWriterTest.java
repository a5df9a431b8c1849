package org.domus.store;

import static org.awaitility.Awaitility.await;
import static org.domus.store.Fixtures.number;
import static org.domus.store.Fixtures.text;
import static org.domus.store.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.domus.model.AttributeKind;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.Event;
import org.domus.model.House;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryWriterTest {

    private static final SeriesPath TEMPERATURE = SeriesPath.parse("villa/kitchen/thermo/temperature");
    private static final SeriesPath HUMIDITY = SeriesPath.parse("villa/kitchen/thermo/humidity");
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path dir;
    Database db;
    TelemetryWriter writer;
    House villa;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        writer = db.writer();
        villa = db.houses().ensureHouse("villa", "Villa", ZoneId.of("Europe/Paris"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void commitsBatchThenTellsOnDoneThenListeners() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        List<List<Reading>> committed = new CopyOnWriteArrayList<>();
        writer.addCommitListener((stored, discovered) -> {
            order.add("listener");
            committed.add(List.copyOf(stored));
        });
        CountDownLatch hold = new CountDownLatch(1);
        writer.execute(c -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> hold.getCount() == 0);
            return null;
        });
        List<CompletableFuture<WriteOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            CompletableFuture<WriteOutcome> done = new CompletableFuture<>();
            outcomes.add(done);
            int n = i;
            writer.submit(new IngestRecord(List.of(number(TEMPERATURE, T0.plusSeconds(n), n, true)), null, o -> {
                order.add("done");
                done.complete(o);
            }));
        }
        assertEquals(50, writer.queuedRecords());
        hold.countDown();
        for (CompletableFuture<WriteOutcome> done : outcomes) {
            WriteOutcome outcome = done.get(10, TimeUnit.SECONDS);
            assertTrue(outcome.committed());
            assertEquals(1, outcome.stored());
            assertNull(outcome.failureReason());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> committed.size() == 1);
        assertEquals(50, committed.getFirst().size(), "one listener call for the whole batch");
        assertEquals("listener", order.getLast());
        assertEquals(50, Collections.frequency(order, "done"));
        assertEquals(0, writer.queuedRecords());
        assertEquals(50, writer.committedReadings());
        assertEquals(50, count("SELECT count(*) FROM telemetry"));
    }

    @Test
    void createsDiscoveredDeviceInHouseInbox() {
        List<Device> discovered = new CopyOnWriteArrayList<>();
        writer.addCommitListener((stored, devices) -> discovered.addAll(devices));

        WriteOutcome outcome = write(writer, number(TEMPERATURE, T0, 21.5, false), number(HUMIDITY, T0, 40, false));

        assertEquals(2, outcome.stored());
        await().atMost(Duration.ofSeconds(5)).until(() -> discovered.size() == 1);
        Device device = db.houses().listDevices(villa.id()).getFirst();
        assertEquals(new DeviceAddress("villa", "kitchen", "thermo"), device.address());
        assertTrue(device.inInbox());
        assertEquals("thermo", device.name());
        assertEquals("unknown", device.kind());
        assertNotNull(device.discoveredAt());
        assertEquals(device, discovered.getFirst());
        var attribute = db.houses().findAttribute(TEMPERATURE).orElseThrow();
        assertEquals(AttributeKind.NUMERIC, attribute.kind());
        assertEquals("", attribute.unit());
        assertFalse(attribute.writable());
        assertEquals(2, db.houses().listAttributes(device.id()).size());
    }

    @Test
    void doesNotReportKnownDeviceAsDiscovered() {
        var room = db.houses().ensureRoom(villa.id(), null, "kitchen", "Kitchen");
        db.houses().ensureDevice(TEMPERATURE.deviceAddress(), room.id(), "Thermostat", "thermostat");
        List<Device> discovered = new CopyOnWriteArrayList<>();
        writer.addCommitListener((stored, devices) -> discovered.addAll(devices));

        assertEquals(1, write(writer, number(TEMPERATURE, T0, 20, true)).stored());

        assertTrue(discovered.isEmpty());
        Device device = db.houses().listDevices(villa.id()).getFirst();
        assertEquals(room.id(), device.roomId());
        assertEquals("Thermostat", device.name());
    }

    @Test
    void dropsAndCountsReadingsOfUnknownHouse() {
        SeriesPath stranger = SeriesPath.parse("nowhere/kitchen/thermo/temperature");

        WriteOutcome outcome = write(writer, number(stranger, T0, 1, false), number(TEMPERATURE, T0, 2, false));

        assertTrue(outcome.committed());
        assertEquals(1, outcome.unknownHouse());
        assertEquals(1, outcome.stored());
        assertEquals(1, writer.unknownHouseReadings());
        assertEquals(1, count("SELECT count(*) FROM telemetry"));
        assertEquals(1, count("SELECT count(*) FROM device"));
    }

    @Test
    void storesRedeliveredMessageOnce() {
        Reading reading = number(TEMPERATURE, T0, 20, false);
        WriteOutcome first = write(writer, new DeliveryReceipt("hub-1", 7, 1234L, false), List.of(reading));
        WriteOutcome again = write(writer, new DeliveryReceipt("hub-1", 7, 1234L, true),
                List.of(reading.withTimestamp(T0.plusSeconds(3))));

        assertEquals(1, first.stored());
        assertTrue(again.committed());
        assertTrue(again.duplicate());
        assertEquals(0, again.stored());
        assertEquals(1, count("SELECT count(*) FROM telemetry"));
        assertEquals(1, writer.duplicatesSkipped());
    }

    @Test
    void storesRedeliveryInSameBatchOnce() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        writer.execute(c -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> hold.getCount() == 0);
            return null;
        });
        CompletableFuture<WriteOutcome> first = new CompletableFuture<>();
        CompletableFuture<WriteOutcome> second = new CompletableFuture<>();
        writer.submit(new IngestRecord(List.of(number(TEMPERATURE, T0, 1, false)),
                new DeliveryReceipt("hub-1", 9, 55L, false), first::complete));
        writer.submit(new IngestRecord(List.of(number(TEMPERATURE, T0, 1, false)),
                new DeliveryReceipt("hub-1", 9, 55L, true), second::complete));
        hold.countDown();

        assertEquals(1, first.get(10, TimeUnit.SECONDS).stored());
        assertTrue(second.get(10, TimeUnit.SECONDS).duplicate());
        assertEquals(1, count("SELECT count(*) FROM telemetry"));
    }

    @Test
    void storesRedeliveryWithDifferentContent() {
        write(writer, new DeliveryReceipt("hub-1", 7, 1234L, false), List.of(number(TEMPERATURE, T0, 20, false)));
        WriteOutcome other = write(writer, new DeliveryReceipt("hub-1", 7, 9999L, true),
                List.of(number(TEMPERATURE, T0.plusSeconds(1), 21, false)));

        assertFalse(other.duplicate());
        assertEquals(1, other.stored());
        assertEquals(2, count("SELECT count(*) FROM telemetry"));
        assertEquals(9999L, count("SELECT content_hash FROM ingest_receipt WHERE client_id = 'hub-1' AND packet_id = 7"));
    }

    @Test
    void keepsTwoArrivalReadingsOfTheSameMillisecond() {
        write(writer, number(TEMPERATURE, T0, 20, false));
        write(writer, number(TEMPERATURE, T0, 21, false), number(TEMPERATURE, T0, 22, false));

        assertEquals(3, count("SELECT count(*) FROM telemetry"));
        List<Instant> times = new ArrayList<>();
        db.history().streamReadings(TEMPERATURE, null, null, (ts, value) -> times.add(ts));
        assertEquals(List.of(T0, T0.plusNanos(1_000), T0.plusNanos(2_000)), times);
    }

    @Test
    void storesDeviceTimestampedDuplicateOnce() {
        List<Reading> committed = new CopyOnWriteArrayList<>();
        writer.addCommitListener((stored, discovered) -> committed.addAll(stored));
        assertEquals(1, write(writer, number(TEMPERATURE, T0, 20, true)).stored());
        WriteOutcome again = write(writer, number(TEMPERATURE, T0, 20, true));

        assertTrue(again.committed());
        assertEquals(0, again.stored());
        assertEquals(1, count("SELECT count(*) FROM telemetry"));
        assertEquals(1, writer.duplicatesSkipped());
        assertEquals(1, committed.size());
    }

    @Test
    void keepsDeviceTextForNonNumericReadings() {
        SeriesPath mode = SeriesPath.parse("villa/kitchen/thermo/mode");
        SeriesPath power = SeriesPath.parse("villa/kitchen/thermo/power");
        write(writer, text(mode, T0, "eco"),
                new Reading(power, T0, "ON", 1.0, AttributeKind.BOOLEAN, null, false),
                number(TEMPERATURE, T0, 21.0, false));

        List<String> values = new ArrayList<>();
        db.history().streamReadings(mode, null, null, (ts, value) -> values.add(value));
        db.history().streamReadings(power, null, null, (ts, value) -> values.add(value));
        db.history().streamReadings(TEMPERATURE, null, null, (ts, value) -> values.add(value));
        assertEquals(List.of("eco", "ON", "21"), values);
    }

    @Test
    void maintainsRollupsAcrossBatchesIgnoringDuplicates() throws SQLException {
        // minute 10:00 gets 1, 5, 3 (two batches); 10:01 gets 7; a duplicate of 5 must not count.
        write(writer, number(TEMPERATURE, T0.plusSeconds(10), 1, true), number(TEMPERATURE, T0.plusSeconds(20), 5, true));
        write(writer, number(TEMPERATURE, T0.plusSeconds(20), 5, true), number(TEMPERATURE, T0.plusSeconds(30), 3, true),
                number(TEMPERATURE, T0.plusSeconds(70), 7, true));
        // An older reading arriving late does not become the bucket's last.
        write(writer, number(TEMPERATURE, T0.plusSeconds(5), 2, true));

        long series = db.houses().findAttribute(TEMPERATURE).orElseThrow().id();
        long minute = T0.getEpochSecond();
        assertRollup("rollup_minute", series, minute, 1, 5, 11, 4, 3);
        assertRollup("rollup_minute", series, minute + 60, 7, 7, 7, 1, 7);
        assertRollup("rollup_hour", series, minute, 1, 7, 18, 5, 7);
        assertEquals(2, count("SELECT count(*) FROM rollup_minute"));
    }

    @Test
    void failsBatchWhenStoreIsFullAndKeepsWorking() throws Exception {
        db.close();
        db = Database.open(dir.resolve("small.db"), new StoreOptions(160 * 1024, 10_000));
        writer = db.writer();
        db.houses().ensureHouse("villa", "Villa", ZoneId.of("UTC"));

        WriteOutcome failed = null;
        for (int batch = 0; batch < 50 && failed == null; batch++) {
            List<Reading> readings = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                readings.add(number(SeriesPath.parse("villa/kitchen/d" + (i % 20) + "/temperature"),
                        T0.plusSeconds(batch * 10_000L + i), i, true));
            }
            WriteOutcome outcome = write(writer, null, readings);
            if (!outcome.committed()) {
                failed = outcome;
            }
        }
        assertNotNull(failed, "the size limit was never reached");
        assertTrue(failed.failureReason().contains("SQLITE_FULL"), failed.failureReason());
        assertFalse(failed.failureReason().contains("\n"));
        assertEquals(0, failed.stored());
        assertTrue(writer.failedBatches() >= 1);

        // The writer thread is alive, and a later batch works once the limit is raised.
        assertEquals(3, (int) writer.execute(c -> 3).get(10, TimeUnit.SECONDS));
        writer.execute(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA max_page_count = 1000000");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        }).get(10, TimeUnit.SECONDS);
        List<Reading> more = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            more.add(number(TEMPERATURE, T0.plusMillis(i), i, true));
        }
        WriteOutcome ok = write(writer, null, more);
        assertTrue(ok.committed(), ok.toString());
        assertEquals(2_000, ok.stored());
    }

    @Test
    void rollsBackOnlyTheFailingTask() {
        CompletableFuture<Object> failing = writer.execute(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO setting (key, value) VALUES ('a', '1')");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("boom");
        });
        WriteOutcome outcome = write(writer, number(TEMPERATURE, T0, 1, true));

        CompletionException e = assertThrows(CompletionException.class, failing::join);
        assertEquals("boom", e.getCause().getMessage());
        assertTrue(outcome.committed());
        assertEquals(0, count("SELECT count(*) FROM setting"));
        assertEquals(1, count("SELECT count(*) FROM telemetry"));
    }

    @Test
    void survivesThrowingCallbacks() {
        writer.addCommitListener((stored, discovered) -> {
            throw new IllegalStateException("listener bug");
        });
        writer.submit(new IngestRecord(List.of(number(TEMPERATURE, T0, 1, true)), null, o -> {
            throw new IllegalStateException("onDone bug");
        }));
        assertTrue(write(writer, number(TEMPERATURE, T0.plusSeconds(1), 2, true)).committed());
        assertEquals(2, writer.committedReadings());
    }

    @Test
    void writesQueuedByARunActionJoinItsTransactionAndCompleteAfterItsCommit() {
        long before = writer.committedTransactions();
        CompletableFuture<CompletableFuture<Long>> first = new CompletableFuture<>();
        CompletableFuture<CompletableFuture<Long>> second = new CompletableFuture<>();
        List<Boolean> committedWhenTold = new CopyOnWriteArrayList<>();

        writer.run(() -> {
            assertTrue(writer.isWriterThread());
            first.complete(db.events().append(new Event(0, T0, "test.first", "villa", "x", "trace-1", "one")));
            second.complete(db.events().append(new Event(0, T0, "test.second", "villa", "x", "trace-1", "two")));
        }).join();
        first.join().thenRun(() -> committedWhenTold.add(db.events().byTrace("trace-1").size() == 2)).join();
        second.join().join();

        assertEquals(1, writer.committedTransactions() - before, "one commit for the action and both its writes");
        assertEquals(List.of(true), committedWhenTold, "a write's future completes only after the commit");
        assertFalse(writer.isWriterThread());
    }

    @Test
    void writesQueuedFromACommitListenerGoToTheNextTransaction() {
        CompletableFuture<CompletableFuture<Long>> queued = new CompletableFuture<>();
        writer.addCommitListener((stored, discovered) -> {
            if (!queued.isDone()) {
                queued.complete(db.events().append(new Event(0, T0, "test.after", "villa", "x", "trace-2", "after")));
            }
        });
        long before = writer.committedTransactions();

        write(writer, number(TEMPERATURE, T0, 20.0, false));
        queued.join().join();

        assertEquals(2, writer.committedTransactions() - before);
        assertEquals(1, db.events().byTrace("trace-2").size());
    }

    @Test
    void writesQueuedBeforeCommitAreCommittedWithTheReadings() {
        List<String> seenAfterCommit = new CopyOnWriteArrayList<>();
        writer.addCommitListener(new CommitListener() {
            @Override
            public void beforeCommit(List<Reading> stored) {
                assertTrue(writer.isWriterThread());
                db.events().append(new Event(0, T0, "test.before", "villa", "x", "trace-3", stored.size() + " stored"));
            }

            @Override
            public void onCommitted(List<Reading> stored, List<Device> discovered) {
                seenAfterCommit.add(db.events().byTrace("trace-3").getFirst().detail());
            }
        });
        long before = writer.committedTransactions();

        write(writer, number(TEMPERATURE, T0, 20.0, false), number(HUMIDITY, T0, 40, false));

        await().atMost(Duration.ofSeconds(10)).until(() -> !seenAfterCommit.isEmpty());
        assertEquals(List.of("2 stored"), seenAfterCommit);
        assertEquals(1, writer.committedTransactions() - before, "the listener's write is in the readings' commit");
    }

    @Test
    void refusesToWaitForTheWriterFromTheWriterThread() throws Exception {
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        writer.submit(new IngestRecord(List.of(), null, o -> {
            try {
                db.houses().ensureHouse("other", "Other", ZoneId.of("UTC"));
                seen.complete(null);
            } catch (IllegalStateException e) {
                seen.complete(e);
            }
        }));
        assertTrue(seen.get(10, TimeUnit.SECONDS) instanceof IllegalStateException);
    }

    @Test
    void drainsQueueOnCloseAndTellsEveryRecord() throws Exception {
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> submitters = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            int offset = t * 100_000;
            submitters.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                for (int i = 0; i < 5_000; i++) {
                    writer.submit(new IngestRecord(List.of(number(TEMPERATURE, T0.plusMillis(offset + i), i, true)),
                            null, o -> (o.committed() ? committed : refused).incrementAndGet()));
                }
            }));
        }
        started.await(10, TimeUnit.SECONDS);
        db.close();
        for (Thread submitter : submitters) {
            submitter.join(Duration.ofSeconds(30));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> committed.get() + refused.get() == 20_000);

        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        writer = db.writer();
        assertEquals(committed.get(), count("SELECT count(*) FROM telemetry"), "what was told committed is stored");
    }

    @Test
    void keepsArrivalReadingsDistinctAcrossRestart() {
        write(writer, number(TEMPERATURE, T0, 20, false));
        db.close();
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        writer = db.writer();

        assertEquals(1, write(writer, number(TEMPERATURE, T0, 21, false)).stored());
        assertEquals(2, count("SELECT count(*) FROM telemetry"));
    }

    private void assertRollup(String table, long series, long bucket, double min, double max, double sum, long count,
                              double last) throws SQLException {
        List<Double> row = db.writer().execute(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT min_value, max_value, sum_value, count, last FROM " + table
                         + " WHERE series = " + series + " AND bucket = " + bucket)) {
                if (!rows.next()) {
                    return List.<Double>of();
                }
                return List.of(rows.getDouble(1), rows.getDouble(2), rows.getDouble(3), rows.getDouble(4),
                        rows.getDouble(5));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }).join();
        assertEquals(List.of(min, max, sum, (double) count, last), row, table + " " + bucket);
    }

    private long count(String sql) {
        return db.writer().execute(c -> {
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }).join();
    }
}
