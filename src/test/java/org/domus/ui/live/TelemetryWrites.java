package org.domus.ui.live;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.domus.model.Reading;
import org.domus.store.Database;
import org.domus.store.IngestRecord;
import org.domus.store.WriteOutcome;

/** Writes readings into a test store through its writer, as ingest does, and waits for the commit. */
public final class TelemetryWrites {

    private TelemetryWrites() {
    }

    public static void store(Database database, List<Reading> readings) {
        CompletableFuture<WriteOutcome> done = new CompletableFuture<>();
        database.writer().submit(new IngestRecord(readings, null, done::complete));
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the readings were not stored", e);
        }
    }
}
