package org.domus.app.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.domus.app.DomusCore;
import org.domus.model.AttributeKind;
import org.domus.model.DeviceAddress;
import org.domus.model.House;
import org.domus.model.Reading;
import org.domus.model.Room;
import org.domus.model.SeriesPath;
import org.domus.store.Database;
import org.domus.store.IngestRecord;
import org.domus.store.StoreOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code domus export} against a real SQLite store in a temporary data folder. */
class ExportCommandTest {

    private static final SeriesPath TEMPERATURE = SeriesPath.parse("demo/kitchen/thermostat/temperature");
    private static final SeriesPath MODE = SeriesPath.parse("demo/kitchen/thermostat/mode");

    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void fillStore() {
        try (Database database = openStore()) {
            House house = database.houses().ensureHouse("demo", "Demo house", ZoneOffset.UTC);
            Room kitchen = database.houses().ensureRoom(house.id(), null, "kitchen", "Kitchen");
            database.houses().ensureDevice(new DeviceAddress("demo", "kitchen", "thermostat"), kitchen.id(),
                    "Thermostat", "thermostat");
            database.houses().ensureAttribute(TEMPERATURE, AttributeKind.NUMERIC, "°C", false, null, null, null);
            database.houses().ensureAttribute(MODE, AttributeKind.TEXT, "", true, null, null, null);

            List<Reading> readings = new ArrayList<>();
            readings.add(numeric("2026-11-22T23:59:00Z", "20.5"));
            readings.add(numeric("2026-11-23T10:00:00Z", "21.0"));
            readings.add(numeric("2026-11-23T10:01:00Z", "21.5"));
            readings.add(numeric("2026-11-24T00:00:00Z", "19.0"));
            readings.add(new Reading(MODE, Instant.parse("2026-11-23T10:00:00Z"), "eco, quiet", null,
                    AttributeKind.TEXT, null, true));
            database.writer().submit(new IngestRecord(readings));
            await().atMost(Duration.ofSeconds(10)).until(() -> database.writer().committedReadings() >= readings.size());
        }
    }

    private Database openStore() {
        return Database.open(dataDir.resolve(DomusCore.DATABASE_FILE), StoreOptions.defaults());
    }

    private static Reading numeric(String ts, String value) {
        return new Reading(TEMPERATURE, Instant.parse(ts), value, Double.parseDouble(value), AttributeKind.NUMERIC,
                null, true);
    }

    private int export(String... args) {
        CommandLine commandLine = DomusCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("export", "--data", dataDir.toString()));
        all.addAll(List.of(args));
        return commandLine.execute(all.toArray(String[]::new));
    }

    @Test
    void writesCsvWithHeaderOldestFirst() {
        assertEquals(0, export("--series", TEMPERATURE.toString()));
        assertEquals("""
                ts,house,room,device,attribute,value
                2026-11-22T23:59:00Z,demo,kitchen,thermostat,temperature,20.5
                2026-11-23T10:00:00Z,demo,kitchen,thermostat,temperature,21
                2026-11-23T10:01:00Z,demo,kitchen,thermostat,temperature,21.5
                2026-11-24T00:00:00Z,demo,kitchen,thermostat,temperature,19
                """, out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void limitsToTheRangeWithDatesCoveringWholeDays() {
        assertEquals(0, export("--series", TEMPERATURE.toString(), "--from", "2026-11-23", "--to", "2026-11-23"));
        assertEquals(List.of("2026-11-23T10:00:00Z", "2026-11-23T10:01:00Z"), timestamps(out.toString()));
    }

    @Test
    void limitsToAnInstantRangeWithBothEndsIncluded() {
        assertEquals(0, export("--series", TEMPERATURE.toString(),
                "--from", "2026-11-23T10:00:00Z", "--to", "2026-11-23T10:01:00Z"));
        assertEquals(List.of("2026-11-23T10:00:00Z", "2026-11-23T10:01:00Z"), timestamps(out.toString()));
        out.getBuffer().setLength(0);
        assertEquals(0, export("--series", TEMPERATURE.toString(),
                "--from", "2026-11-23T10:00:30Z", "--to", "2026-11-23T11:01:00+01:00"));
        assertEquals(List.of("2026-11-23T10:01:00Z"), timestamps(out.toString()));
    }

    @Test
    void writesJsonToAFile() throws IOException {
        Path file = dataDir.resolve("export.json");
        assertEquals(0, export("--series", TEMPERATURE.toString(), "--format", "json", "--out", file.toString(),
                "--from", "2026-11-23T00:00:00Z"));
        assertEquals("", out.toString(), "nothing on stdout when writing a file");

        JsonNode rows = new ObjectMapper().readTree(file.toFile());
        assertEquals(3, rows.size());
        JsonNode first = rows.get(0);
        assertEquals("2026-11-23T10:00:00Z", first.get("ts").asText());
        assertEquals("demo", first.get("house").asText());
        assertEquals("kitchen", first.get("room").asText());
        assertEquals("thermostat", first.get("device").asText());
        assertEquals("temperature", first.get("attribute").asText());
        assertTrue(first.get("value").isNumber());
        assertEquals(21.0, first.get("value").asDouble());
        assertFalse(Files.exists(dataDir.resolve(".export.json.part")), "no partial file left behind");
    }

    @Test
    void quotesTextValuesInCsv() {
        assertEquals(0, export("--series", MODE.toString()));
        assertEquals("""
                ts,house,room,device,attribute,value
                2026-11-23T10:00:00Z,demo,kitchen,thermostat,mode,"eco, quiet"
                """, out.toString());
    }

    @Test
    void unknownSeriesFailsWithOneLine() {
        assertEquals(1, export("--series", "demo/kitchen/thermostat/humidity"));
        assertEquals("domus: no such series: demo/kitchen/thermostat/humidity", err.toString().strip());
        assertEquals("", out.toString());
    }

    @Test
    void runsBesideAnotherOpenConnectionToTheStore() {
        // As beside a running `domus serve`: the store is open (and writing) in another process.
        try (Database running = openStore()) {
            running.writer().submit(new IngestRecord(List.of(numeric("2026-11-25T08:00:00Z", "18.5"))));
            await().atMost(Duration.ofSeconds(10)).until(() -> running.writer().committedReadings() >= 1);
            assertEquals(0, export("--series", TEMPERATURE.toString(), "--from", "2026-11-25"));
            assertEquals(List.of("2026-11-25T08:00:00Z"), timestamps(out.toString()));
        }
    }

    private static List<String> timestamps(String csv) {
        return csv.lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
    }
}
