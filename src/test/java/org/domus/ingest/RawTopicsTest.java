package org.domus.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.domus.model.InboundMessage;
import org.domus.store.Database;
import org.domus.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest notes vendor and hub topics for the installer, and only those. */
class RawTopicsTest {

    @TempDir
    Path dir;

    @Test
    void ingestKeepsTheNewestPayloadOfVendorAndHubTopicsOnly() {
        try (Database db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults())) {
            IngestService ingest = new IngestService(db.writer(), db.events(), new LiveState(), 1000);
            publish(ingest, "domus/demo/raw/tasmota/tele/plug/STATE", "{\"POWER\":\"ON\"}");
            publish(ingest, "domus/demo/hub/status", "online");
            publish(ingest, "domus/demo/raw/tasmota/tele/plug/STATE", "{\"POWER\":\"OFF\"}");
            publish(ingest, "domus/demo/kitchen/lamp/power", "ON");
            publish(ingest, "not/ours", "x");

            List<RawTopics.Topic> seen = ingest.rawTopics().snapshot();
            assertEquals(List.of("domus/demo/raw/tasmota/tele/plug/STATE", "domus/demo/hub/status"),
                    seen.stream().map(RawTopics.Topic::topic).toList());
            assertEquals("{\"POWER\":\"OFF\"}", seen.getFirst().payload());
            assertEquals(2, seen.getFirst().count());
            assertEquals("demo", seen.getFirst().house());
        }
    }

    private static int sequence;

    private static void publish(IngestService ingest, String topic, String payload) {
        ingest.accept(new InboundMessage("hub-demo", "demo", topic, payload.getBytes(StandardCharsets.UTF_8), 0,
                false, 0, false, Instant.parse("2026-12-01T10:00:00Z").plusSeconds(sequence++)), outcome -> { });
    }
}
