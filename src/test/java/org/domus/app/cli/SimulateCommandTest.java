package org.domus.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code domus simulate}'s usage and failure handling; the simulation itself is covered by SimulatedHouseIT. */
class SimulateCommandTest {

    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = DomusCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private void assertOneErrorLine(String fragment) {
        String text = err.toString();
        assertTrue(text.startsWith("domus: ") && text.strip().lines().count() == 1 && text.contains(fragment), text);
    }

    @Test
    void refusesAnUnknownHouseAsBadUsage() {
        assertEquals(2, run("simulate", "--data", dataDir.toString(), "--broker", "mqtt://127.0.0.1:1", "--house", "castle"));
        assertOneErrorLine("--house castle: no such house (bundled: demo, family-house; or give a file)");
    }

    @Test
    void refusesABadFaultAndABadQos() {
        assertEquals(2, run("simulate", "--broker", "mqtt://127.0.0.1:1", "--fault", "explode:living-room/ceiling-light"));
        assertOneErrorLine("fault kind \"explode\" is not one of");
        err.getBuffer().setLength(0);
        assertEquals(2, run("simulate", "--broker", "mqtt://127.0.0.1:1", "--fault", "offline:garage/door"));
        assertOneErrorLine("no simulated device garage/door");
        err.getBuffer().setLength(0);
        assertEquals(2, run("simulate", "--broker", "mqtt://127.0.0.1:1", "--qos", "2"));
        assertOneErrorLine("--qos must be 0 or 1");
    }

    @Test
    void refusesAnUnknownConnectionTopology() {
        assertEquals(2, run("simulate", "--broker", "mqtt://127.0.0.1:1", "--connections", "per-room"));
        assertOneErrorLine("'per-room' is not per-device or per-house");
    }

    @Test
    void needsARunningDomusOrABrokerUrl() {
        assertEquals(1, run("simulate", "--data", dataDir.toString()));
        assertOneErrorLine("no Domus is running on " + dataDir);
    }

    @Test
    void namesTheFileAndFieldOfABrokenDefinition() throws Exception {
        Path broken = dataDir.resolve("lamp.json");
        Files.writeString(broken, "{\"type\": \"lamp\", \"name\": \"Lamp\", \"attributes\": {\"power\": {\"kind\": \"volts\"}}}");
        assertEquals(1, run("simulate", "--broker", "mqtt://127.0.0.1:1", "--definition", broken.toString()));
        assertOneErrorLine(broken + ": attributes.power.kind: \"volts\" is not one of numeric, boolean, enum, text");
    }

    @Test
    void failsWithOneLineWhenNoDeviceCanConnect() {
        assertEquals(1, run("simulate", "--broker", "mqtt://127.0.0.1:1", "--duration", "20s", "--progress", "1s"));
        assertTrue(out.toString().strip().lines().reduce((a, b) -> b).orElse("").matches("sent=0 rate=0\\.0"), out.toString());
        assertOneErrorLine("no device could connect to mqtt://127.0.0.1:1");
    }
}
