package org.domus.store;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.domus.model.AttributeKind;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;

/** Helpers for the store's tests. */
final class Fixtures {

    private Fixtures() {
    }

    static Reading number(SeriesPath series, Instant ts, double value, boolean fromDevice) {
        return new Reading(series, ts, Double.toString(value), value, AttributeKind.NUMERIC, null, fromDevice);
    }

    static Reading text(SeriesPath series, Instant ts, String value) {
        return new Reading(series, ts, value, null, AttributeKind.TEXT, null, false);
    }

    /** Submits one record and waits for its outcome. */
    static WriteOutcome write(TelemetryWriter writer, DeliveryReceipt receipt, List<Reading> readings) {
        CompletableFuture<WriteOutcome> done = new CompletableFuture<>();
        writer.submit(new IngestRecord(readings, receipt, done::complete));
        try {
            return done.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no outcome", e);
        }
    }

    static WriteOutcome write(TelemetryWriter writer, Reading... readings) {
        return write(writer, null, List.of(readings));
    }
}
