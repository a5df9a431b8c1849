package org.domus.store;

import static org.domus.store.Fixtures.number;
import static org.domus.store.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.domus.model.Reading;
import org.domus.model.SeriesPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryRepositoryTest {

    private static final SeriesPath POWER = SeriesPath.parse("villa/garage/meter/power");
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        db.houses().ensureHouse("villa", "Villa", ZoneId.of("UTC"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** One reading every {@code step}, for {@code duration}; value = minute of day, with a spike at the middle. */
    private void fill(Duration duration, Duration step) {
        List<Reading> batch = new ArrayList<>();
        long n = duration.dividedBy(step);
        for (long i = 0; i < n; i++) {
            Instant ts = T0.plus(step.multipliedBy(i));
            double value = i == n / 2 ? 10_000 : (i % 100);
            batch.add(number(POWER, ts, value, true));
            if (batch.size() == 5_000) {
                write(db.writer(), null, batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            write(db.writer(), null, batch);
        }
    }

    @Test
    void readsShortRangeRaw() {
        fill(Duration.ofHours(1), Duration.ofSeconds(10));

        HistorySeries series = db.history().query(POWER, T0, T0.plus(Duration.ofHours(1)), 1_000);

        assertEquals(Resolution.RAW, series.source());
        assertEquals(360, series.points().size());
        assertEquals(T0, series.points().getFirst().timestamp());
    }

    @Test
    void readsDaysFromMinuteRollupsAndLongRangesFromHourRollups() {
        fill(Duration.ofDays(6), Duration.ofSeconds(20));

        HistorySeries day = db.history().query(POWER, T0, T0.plus(Duration.ofDays(1)), 500);
        HistorySeries week = db.history().query(POWER, T0, T0.plus(Duration.ofDays(6)), 500);

        assertEquals(Resolution.MINUTE, day.source());
        assertEquals(Resolution.HOUR, week.source());
        for (HistorySeries series : List.of(day, week)) {
            assertTrue(series.points().size() <= 500, series.source() + ": " + series.points().size());
            assertTrue(series.points().size() >= 250, series.source() + ": " + series.points().size());
        }
        assertEquals(10_000, week.points().stream().mapToDouble(HistoryPoint::value).max().orElseThrow(),
                "the spike survives rollups and downsampling");
        assertEquals(0, week.points().stream().mapToDouble(HistoryPoint::value).min().orElseThrow());
    }

    @Test
    void readsSparseLongRangeRaw() {
        fill(Duration.ofDays(10), Duration.ofHours(6));

        HistorySeries series = db.history().query(POWER, T0, T0.plus(Duration.ofDays(10)), 200);

        assertEquals(Resolution.RAW, series.source());
        assertEquals(40, series.points().size());
    }

    @Test
    void neverReturnsMoreThanMaxPoints() {
        fill(Duration.ofHours(2), Duration.ofSeconds(1));

        for (int max : new int[] {1, 2, 3, 10, 99, 1_000, 7_199}) {
            HistorySeries series = db.history().query(POWER, T0, T0.plus(Duration.ofHours(2)), max);
            assertTrue(series.points().size() <= max, max + " -> " + series.points().size());
        }
        HistorySeries all = db.history().query(POWER, T0, T0.plus(Duration.ofHours(2)), 10_000);
        assertEquals(7_200, all.points().size());
    }

    @Test
    void returnsNothingForUnknownSeries() {
        HistorySeries series = db.history().query(SeriesPath.parse("villa/garage/meter/nothing"), T0,
                T0.plusSeconds(60), 100);
        assertTrue(series.points().isEmpty());
    }

    @Test
    void streamsReadingsInOrderWithinBounds() {
        // Written out of order, over several batches.
        write(db.writer(), number(POWER, T0.plusSeconds(30), 3, true), number(POWER, T0.plusSeconds(10), 1, true));
        write(db.writer(), number(POWER, T0.plusSeconds(20), 2.5, true), number(POWER, T0.plusSeconds(40), 4, true));

        List<String> all = new ArrayList<>();
        db.history().streamReadings(POWER, null, null, (ts, value) -> all.add(ts.getEpochSecond() - T0.getEpochSecond() + "=" + value));
        assertEquals(List.of("10=1", "20=2.5", "30=3", "40=4"), all);

        List<String> some = new ArrayList<>();
        db.history().streamReadings(POWER, T0.plusSeconds(20), T0.plusSeconds(30), (ts, value) -> some.add(value));
        assertEquals(List.of("2.5", "3"), some);
    }

    @Test
    void streamsLargeSeriesWithoutCollectingIt() {
        fill(Duration.ofHours(12), Duration.ofSeconds(1));
        long[] seen = {0, Long.MIN_VALUE};
        db.history().streamReadings(POWER, null, null, (ts, value) -> {
            long micros = ts.getEpochSecond();
            assertTrue(micros > seen[1], "in order");
            seen[1] = micros;
            seen[0]++;
        });
        assertEquals(43_200, seen[0]);
    }

    @Test
    void reportsSinkFailure() {
        write(db.writer(), number(POWER, T0, 1, true));
        assertThrows(UncheckedIOException.class, () -> db.history().streamReadings(POWER, null, null, (ts, value) -> {
            throw new IOException("disk full");
        }));
    }
}
