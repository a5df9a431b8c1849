package org.domus.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.domus.app.ConfigLoader;
import org.domus.app.DomusConfig;
import org.domus.app.DomusCore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A store file that is not a database: one sentence and a way out, never a silent start on it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CorruptStoreTest {

    @TempDir
    Path dataDir;

    private byte[] garbage;

    @BeforeEach
    void writeGarbageStore() throws IOException {
        garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        Files.write(dataDir.resolve(DomusCore.DATABASE_FILE), garbage);
    }

    @Test
    void serveRefusesACorruptStoreWithOneLineAndTheWayOut() throws IOException {
        StringWriter err = new StringWriter();
        CommandLine commandLine = DomusCommand.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute("serve", "--data", dataDir.toString(), "--mqtt-port", "0");

        assertEquals(1, exit);
        String line = err.toString().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("domus: "), line);
        assertTrue(line.contains(dataDir.resolve(DomusCore.DATABASE_FILE).toString()), line);
        assertTrue(line.endsWith("Move it aside and start fresh with: domus serve --data " + dataDir
                + " --reset-corrupt-store"), line);
        assertTrue(Arrays.equals(garbage, Files.readAllBytes(dataDir.resolve(DomusCore.DATABASE_FILE))),
                "the file is left as it was");
    }

    @Test
    void resetMovesTheCorruptStoreAsideKeepsItAndStartsFresh() throws IOException {
        DomusConfig config = ConfigLoader.load(new ConfigLoader.Overrides(dataDir, null, 0, false, null));
        StringWriter out = new StringWriter();

        try (CoreStarter starter = new CoreStarter(config, new PrintWriter(out, true))) {
            DomusCore core = starter.start(true);
            assertFalse(core.store().houses().listHouses().isEmpty(), "a fresh store with the demo house");
        }

        List<Path> movedAside;
        try (Stream<Path> files = Files.list(dataDir)) {
            movedAside = files.filter(file -> file.getFileName().toString().startsWith(DomusCore.DATABASE_FILE + ".corrupt"))
                    .toList();
        }
        assertEquals(1, movedAside.size(), "the damaged file is kept beside the new one");
        assertTrue(Arrays.equals(garbage, Files.readAllBytes(movedAside.getFirst())));
        assertEquals("Moved the corrupt store aside to " + movedAside.getFirst(), out.toString().strip());
    }

    @Test
    void withoutResetTheStarterSaysTheStoreIsCorrupt() {
        DomusConfig config = ConfigLoader.load(new ConfigLoader.Overrides(dataDir, null, 0, false, null));
        try (CoreStarter starter = new CoreStarter(config, new PrintWriter(new StringWriter(), true))) {
            CoreStarter.CorruptStore e = assertThrows(CoreStarter.CorruptStore.class, () -> starter.start(false));
            assertTrue(e.getMessage().contains("damaged") || e.getMessage().contains("corrupt"), e.getMessage());
        }
    }
}
