package org.domus.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.domus.app.DomusCore;
import org.domus.model.House;
import org.domus.store.Database;
import org.domus.store.StoreOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code domus provision} and {@code domus certificates} against a real store in a temporary data folder. */
class ProvisionCommandTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path outRoot;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void fillStore() {
        try (Database database = Database.open(dataDir.resolve(DomusCore.DATABASE_FILE), StoreOptions.defaults())) {
            House house = database.houses().ensureHouse("house42", "House 42", ZoneOffset.UTC);
            database.houses().ensureRoom(house.id(), null, "kitchen", "Kitchen");
            database.houses().ensureHouse("bare", "Bare house", ZoneOffset.UTC);
        }
    }

    private int run(String... arguments) {
        CommandLine commandLine = DomusCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of("--data", dataDir.toString()));
        return commandLine.execute(all.toArray(String[]::new));
    }

    @Test
    void writesTheBootFilesAndShowsThePasswordsOnce() throws Exception {
        Path boot = outRoot.resolve("boot");
        assertEquals(0, run("provision", "--house", "house42", "--format", "cloud-init", "--out", boot.toString(),
                "--password", "pw", "--wifi-ssid", "HomeNet", "--wifi-passphrase", "secret123", "--wifi-country", "gb",
                "--timezone", "Europe/London", "--keyboard", "gb", "--console-host", "192.168.1.20"), err.toString());
        assertTrue(Files.isRegularFile(boot.resolve("user-data")));
        assertTrue(Files.isRegularFile(boot.resolve("network-config")));
        assertTrue(Files.isRegularFile(boot.resolve("domus-hub-house42.zip")));
        assertTrue(Files.isRegularFile(boot.resolve("domus-hub-house42-sheet.png")));
        assertTrue(Files.readString(boot.resolve("domus-hub/mosquitto/20-bridge-console.conf"))
                .contains("addresses 192.168.1.20:8883"));
        assertTrue(out.toString().contains("hub's console login:  hub-house42 / "), out.toString());
    }

    @Test
    void refusesBadInputWithOneLineAndExitStatusTwoBeforeWriting() {
        Path boot = outRoot.resolve("never");
        assertEquals(2, run("provision", "--house", "house42", "--format", "firstrun", "--out", boot.toString(),
                "--password", "pw", "--hostname", "hub_42"));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("is not a valid host name"), err.toString());
        assertFalse(Files.exists(boot));

        assertEquals(1, run("provision", "--house", "bare", "--format", "firstrun", "--out", boot.toString(),
                "--password", "pw", "--console-host", "console.local"));
        assertTrue(err.toString().contains("has no rooms yet"), err.toString());
        assertFalse(Files.exists(boot));

        assertEquals(2, run("provision", "--house", "house42", "--format", "floppy", "--out", boot.toString()));
        assertFalse(Files.exists(boot));
    }

    @Test
    void certificatesExportsTheAuthorityAndRenews() throws Exception {
        Path ca = outRoot.resolve("console-ca.crt");
        assertEquals(0, run("certificates", "--export-ca", ca.toString()), err.toString());
        assertTrue(Files.readString(ca).startsWith("-----BEGIN CERTIFICATE-----"));
        String first = Files.readString(dataDir.resolve("tls/broker.crt"));
        assertEquals(0, run("certificates", "--renew"), err.toString());
        assertFalse(first.equals(Files.readString(dataDir.resolve("tls/broker.crt"))));
        assertTrue(out.toString().contains("Renewed the broker certificate"));
    }
}
