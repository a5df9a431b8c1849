package org.domus.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.domus.app.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class DomusCommandTest {

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

    @Test
    void printsTheVersion() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().matches("domus \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void printsHelpListingTheCommands() {
        assertEquals(0, run("--help"));
        String help = out.toString();
        assertTrue(help.contains("serve"), help);
        assertTrue(help.contains("export"), help);
        assertTrue(help.contains("--data"), help);
        assertTrue(help.contains("--mqtt-port"), help);
        assertTrue(help.contains("--demo"), help);
    }

    @Test
    void subcommandsHaveHelpToo() {
        assertEquals(0, run("export", "--help"));
        assertTrue(out.toString().contains("--series"), out.toString());
    }

    @Test
    void unknownOptionIsBadUsageWithOneLine() {
        assertEquals(2, run("--bogus"));
        assertOneErrorLine("Unknown option: '--bogus'");
    }

    @Test
    void serveOnABusyPortSaysSoInOneLine() throws java.io.IOException {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(1, run("serve", "--data", dataDir.toString(), "--mqtt-host", "127.0.0.1",
                    "--mqtt-port", Integer.toString(busy.getLocalPort())));
        }
        assertOneErrorLine("Cannot listen for MQTT on 127.0.0.1:");
        assertFalse(err.toString().contains("unexpected failure"), err.toString());
    }

    @Test
    void unknownCommandIsBadUsage() {
        assertEquals(2, run("fly"));
        assertOneErrorLine("fly");
    }

    @Test
    void nonNumericPortIsBadUsage() {
        assertEquals(2, run("serve", "--mqtt-port", "many"));
        assertOneErrorLine("--mqtt-port");
    }

    @Test
    void exportWithoutSeriesIsBadUsage() {
        assertEquals(2, run("export", "--data", dataDir.toString()));
        assertOneErrorLine("--series");
    }

    @Test
    void malformedSeriesIsBadUsage() {
        assertEquals(2, run("export", "--data", dataDir.toString(), "--series", "demo/kitchen"));
        assertOneErrorLine("must be house/room/device/attribute");
    }

    @Test
    void malformedInstantIsBadUsage() {
        assertEquals(2, run("export", "--data", dataDir.toString(), "--series", "demo/a/b/c", "--from", "yesterday"));
        assertOneErrorLine("not an ISO instant");
    }

    @Test
    void rangeThatEndsBeforeItStartsIsBadUsage() {
        assertEquals(2, run("export", "--data", dataDir.toString(), "--series", "demo/a/b/c",
                "--from", "2026-11-23T10:00:00Z", "--to", "2026-11-23T09:00:00Z"));
        assertOneErrorLine("is after --to");
    }

    @Test
    void unknownFormatIsBadUsage() {
        assertEquals(2, run("export", "--data", dataDir.toString(), "--series", "demo/a/b/c", "--format", "xml"));
        assertOneErrorLine("use csv or json");
    }

    @Test
    void exportFromAFolderWithoutStoreFailsWithOneLine() {
        assertEquals(1, run("export", "--data", dataDir.toString(), "--series", "demo/a/b/c"));
        assertOneErrorLine("no store in " + dataDir.toAbsolutePath());
    }

    @Test
    void badConfigurationFailsWithOneLine() {
        assertEquals(1, run("serve", "--data", dataDir.toString(), "--demo", "--mqtt-host", "0.0.0.0"));
        assertOneErrorLine("loopback");
    }

    @Test
    void commonOptionsCountBeforeAndAfterTheSubcommand() {
        CommandLine commandLine = DomusCommand.commandLine();
        ParseResult parsed = commandLine.parseArgs("--data", "/tmp/before", "--mqtt-port", "1999",
                "export", "--mqtt-port", "2000", "--demo", "--series", "demo/a/b/c");
        CommonOptions common = (CommonOptions) parsed.subcommand().commandSpec()
                .mixins().get(CommonOptions.MIXIN_NAME).userObject();

        ConfigLoader.Overrides overrides = common.overrides();
        assertEquals(Path.of("/tmp/before"), overrides.dataDir());
        assertEquals(2000, overrides.mqttPort(), "the subcommand's own option wins");
        assertTrue(overrides.demo());
        assertEquals(null, overrides.mqttHost());
    }

    private void assertOneErrorLine(String expectedPart) {
        String text = err.toString();
        assertFalse(text.isBlank(), "nothing on stderr");
        assertEquals(1, text.strip().lines().count(), "one line on stderr, got: " + text);
        assertTrue(text.startsWith("domus: "), text);
        assertTrue(text.contains(expectedPart), "expected '" + expectedPart + "' in: " + text);
        assertFalse(text.contains("\tat "), "no stack trace: " + text);
    }
}
