package org.domus.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dataDir;

    private ConfigLoader.Overrides only(Path dir) {
        return new ConfigLoader.Overrides(dir, null, null, false, null);
    }

    @Test
    void usesDefaultsWithoutFileOrOptions() {
        DomusConfig config = ConfigLoader.load(only(dataDir));
        assertEquals(dataDir.toAbsolutePath(), config.dataDir());
        assertEquals("127.0.0.1", config.mqttHost());
        assertEquals(1883, config.mqttPort());
        assertEquals(DomusConfig.DEFAULT_MAX_PAYLOAD_BYTES, config.maxPayloadBytes());
        assertEquals(0, config.storeMaxBytes());
    }

    @Test
    void fileOverridesDefaultsAndOptionsOverrideTheFile() throws IOException {
        Files.writeString(dataDir.resolve(ConfigLoader.FILE_NAME), """
                mqtt.host = 0.0.0.0
                mqtt.port = 1999
                mqtt.max-payload-bytes = 4096
                store.max-bytes = 1000000
                """);

        DomusConfig fromFile = ConfigLoader.load(only(dataDir));
        assertEquals("0.0.0.0", fromFile.mqttHost());
        assertEquals(1999, fromFile.mqttPort());
        assertEquals(4096, fromFile.maxPayloadBytes());
        assertEquals(1_000_000, fromFile.storeMaxBytes());

        DomusConfig withOptions = ConfigLoader.load(new ConfigLoader.Overrides(dataDir, "127.0.0.1", 2000, true, 8192));
        assertEquals("127.0.0.1", withOptions.mqttHost());
        assertEquals(2000, withOptions.mqttPort());
        assertEquals(8192, withOptions.maxPayloadBytes());
        assertTrue(withOptions.demo());
        assertEquals(1_000_000, withOptions.storeMaxBytes(), "keys not given as options keep the file's value");
    }

    @Test
    void readsTheEventTypesToIgnore() throws IOException {
        assertEquals(java.util.Set.of(), ConfigLoader.load(only(dataDir)).ignoredEventTypes());
        Files.writeString(dataDir.resolve(ConfigLoader.FILE_NAME), "events.ignore = rule.cleared, reminder.done  alert.acknowledged\n");
        assertEquals(java.util.Set.of("rule.cleared", "reminder.done", "alert.acknowledged"),
                ConfigLoader.load(only(dataDir)).ignoredEventTypes());
    }

    @Test
    void rejectsANonNumberInTheFileWithOneSentence() throws IOException {
        Files.writeString(dataDir.resolve(ConfigLoader.FILE_NAME), "mqtt.port = many\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(only(dataDir)));
        assertEquals("mqtt.port in " + dataDir.toAbsolutePath().resolve(ConfigLoader.FILE_NAME)
                + " must be a whole number, not \"many\"", e.getMessage());
    }

    @Test
    void rejectsAPortOutOfRange() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(new ConfigLoader.Overrides(dataDir, null, 70000, false, null)));
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
    }

    @Test
    void rejectsDemoModeOnAPublicAddress() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(new ConfigLoader.Overrides(dataDir, "0.0.0.0", null, true, null)));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    }

    @Test
    void rejectsADataFolderThatIsAFile() throws IOException {
        Path file = Files.writeString(dataDir.resolve("not-a-folder"), "x");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(only(file)));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
    }

    @Test
    void defaultDataFolderIsPerUser() {
        Path folder = ConfigLoader.defaultDataDir();
        assertTrue(folder.isAbsolute(), folder.toString());
        assertTrue(folder.toString().toLowerCase(java.util.Locale.ROOT).contains("domus"), folder.toString());
    }

    @Test
    void commandPoliciesComeFromTheFilePerDeviceKind() throws IOException {
        Files.writeString(dataDir.resolve(ConfigLoader.FILE_NAME), """
                commands.timeout = 3s
                commands.retries = 2
                commands.blinds.timeout = 2m
                commands.lock.backoff = 250ms
                """);
        var policies = ConfigLoader.load(only(dataDir)).commandPolicies();
        assertEquals(java.time.Duration.ofSeconds(3), policies.forKind("light").timeout());
        assertEquals(2, policies.forKind("light").retries());
        assertEquals(java.time.Duration.ofMinutes(2), policies.forKind("blinds").timeout());
        assertEquals(java.time.Duration.ofMillis(250), policies.forKind("lock").backoff());
        assertEquals(2, policies.forKind("lock").retries());
        Files.writeString(dataDir.resolve(ConfigLoader.FILE_NAME), "commands.timeout = soon\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(only(dataDir)));
        assertTrue(e.getMessage().contains("\"soon\" is not a duration"), e.getMessage());
    }
}
