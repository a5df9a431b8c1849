package org.domus.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The generated files pass the real tools (Debian's dash, shellcheck and cloud-init, installed by .ci/run). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BootFilesValidationTest {

    @TempDir
    Path dir;

    private ProvisionFixture fixture;

    @BeforeEach
    void open() {
        fixture = new ProvisionFixture(dir);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private Path provision(BootFormat format, String password, String sshKey, String ssid) {
        Path out = dir.resolve(format.label() + (password == null ? "-key" : "") + (ssid == null ? "-wired" : ""));
        ProvisionRequest request = new ProvisionRequest(ProvisionFixture.HOUSE, format, out, null, "installer",
                password, sshKey, ssid, ssid == null ? null : "it's \"quoted\" $HOME", ssid == null ? null : "ES",
                "Europe/Madrid", "es", List.of("192.168.1.20", "console.local"), 8883);
        fixture.service.provision(request, ProvisionFixture.CA_PEM, "x", ProvisionProgress.NONE);
        return out;
    }

    @Test
    void firstrunScriptsPassShNAndShellcheck() throws Exception {
        for (Path out : List.of(
                provision(BootFormat.FIRSTRUN, "pw 'quoted'", ProvisionFixture.SSH_KEY, "Café \"Net\" $x"),
                provision(BootFormat.FIRSTRUN, null, ProvisionFixture.SSH_KEY, null),
                provision(BootFormat.FIRSTRUN, "pw", null, "HomeNet"),
                provision(BootFormat.PRESEED, "pw", ProvisionFixture.SSH_KEY, "HomeNet"))) {
            for (Path script : List.of(out.resolve("firstrun.sh"), out.resolve("domus-hub/domus-hub-setup.sh"))) {
                assertPasses(List.of("sh", "-n", script.toString()));
                assertPasses(List.of("shellcheck", "--shell=sh", "--severity=warning", script.toString()));
            }
        }
    }

    @Test
    void cloudInitUserDataPassesTheSchema() throws Exception {
        for (Path out : List.of(
                provision(BootFormat.CLOUD_INIT, "pw", ProvisionFixture.SSH_KEY, "Café \"Net\""),
                provision(BootFormat.CLOUD_INIT, null, ProvisionFixture.SSH_KEY, null),
                provision(BootFormat.CLOUD_INIT, "pw", null, "HomeNet"))) {
            String output = assertPasses(List.of("cloud-init", "schema", "--config-file", out.resolve("user-data").toString()));
            assertTrue(output.contains("Valid cloud-config"), output);
        }
    }

    @Test
    void wifiNetworkConfigCarriesThePmkNotThePassphrase() throws Exception {
        Path out = provision(BootFormat.CLOUD_INIT, "pw", null, "HomeNet");
        String network = Files.readString(out.resolve("network-config"));
        assertTrue(network.contains("password: \"" + SecretFormats.wifiPmk("it's \"quoted\" $HOME", "HomeNet") + "\""),
                network);
        assertTrue(network.contains("regulatory-domain: \"ES\""));
    }

    private static String assertPasses(List<String> command) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
        assertEquals(0, process.exitValue(), command + ":\n" + output);
        return output;
    }
}
