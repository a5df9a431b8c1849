package org.domus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.domus.model.AttributeKind;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Write throughput over 1,000 interleaved series; run with {@code -Ddomus.bench=true}. */
@EnabledIfSystemProperty(named = "domus.bench", matches = "true")
class TelemetryWriterThroughputTest {

    private static final Logger log = LoggerFactory.getLogger(TelemetryWriterThroughputTest.class);

    @TempDir
    Path dir;

    @Test
    void writesInterleavedSeriesQuickly() throws Exception {
        int series = 1_000;
        int messages = Integer.getInteger("domus.bench.messages", 1_000_000);
        SeriesPath[] paths = new SeriesPath[series];
        for (int i = 0; i < series; i++) {
            paths[i] = SeriesPath.parse("villa/room" + (i % 20) + "/dev" + i + "/power");
        }
        try (Database db = Database.open(dir.resolve("bench.db"), StoreOptions.defaults())) {
            db.houses().ensureHouse("villa", "Villa", ZoneId.of("UTC"));
            TelemetryWriter writer = db.writer();
            // Warm up: creates the devices and attributes.
            CountDownLatch warm = new CountDownLatch(series);
            for (int i = 0; i < series; i++) {
                writer.submit(new IngestRecord(List.of(reading(paths[i], 0, i)), null, o -> warm.countDown()));
            }
            warm.await(60, TimeUnit.SECONDS);

            CountDownLatch done = new CountDownLatch(messages);
            AtomicLong failed = new AtomicLong();
            long start = System.nanoTime();
            for (int m = 0; m < messages; m++) {
                int s = m % series;
                writer.submit(new IngestRecord(List.of(reading(paths[s], 1 + m / series, m)),
                        new DeliveryReceipt("hub", m & 0xffff, m, false), o -> {
                            if (!o.committed()) {
                                failed.incrementAndGet();
                            }
                            done.countDown();
                        }));
            }
            done.await(600, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(0, failed.get());
            log.info("bench store-writer: {} readings over {} series in {} s: rate={} readings/s",
                    messages, series, String.format("%.2f", seconds), Math.round(messages / seconds));
        }
    }

    private static Reading reading(SeriesPath path, long second, double value) {
        return new Reading(path, Instant.ofEpochSecond(1_700_000_000L + second), Double.toString(value), value,
                AttributeKind.NUMERIC, null, true);
    }
}
