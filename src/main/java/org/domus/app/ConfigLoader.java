package org.domus.app;

import dev.dirs.ProjectDirectories;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import org.domus.command.CommandPolicies;
import org.domus.command.CommandPolicy;
import org.domus.model.Durations;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the one immutable {@link DomusConfig}: defaults, then {@value #FILE_NAME} in the data folder, then
 * command-line options. Each later source wins over the earlier ones, key by key.
 */
public final class ConfigLoader {

    public static final String FILE_NAME = "domus.properties";
    public static final String DEFAULT_MQTT_HOST = "127.0.0.1";

    static final String KEY_MQTT_HOST = "mqtt.host";
    static final String KEY_MQTT_PORT = "mqtt.port";
    static final String KEY_MAX_PAYLOAD = "mqtt.max-payload-bytes";
    static final String KEY_STORE_MAX = "store.max-bytes";
    static final String KEY_MQTT_TLS_PORT = "mqtt.tls-port";
    static final String KEY_MQTT_PLAIN = "mqtt.plain";
    static final String COMMANDS_PREFIX = "commands.";
    static final String KEY_IGNORE_EVENTS = "events.ignore";
    private static final Set<String> KNOWN_KEYS = Set.of(KEY_MQTT_HOST, KEY_MQTT_PORT, KEY_MAX_PAYLOAD, KEY_STORE_MAX,
            KEY_IGNORE_EVENTS, KEY_MQTT_TLS_PORT, KEY_MQTT_PLAIN);
    private static final Set<String> POLICY_FIELDS = Set.of("timeout", "retries", "backoff");

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private ConfigLoader() {
    }

    /**
     * What the command line said; {@code null} for an option that was not given.
     *
     * @param dataDir     the data folder, or null for {@link #defaultDataDir()}
     * @param mqttTlsPort the TLS port, {@link DomusConfig#OFF} for none
     */
    public record Overrides(Path dataDir, String mqttHost, Integer mqttPort, boolean demo, Integer maxPayloadBytes,
                            Integer mqttTlsPort) {
        public Overrides(Path dataDir, String mqttHost, Integer mqttPort, boolean demo, Integer maxPayloadBytes) {
            this(dataDir, mqttHost, mqttPort, demo, maxPayloadBytes, null);
        }

        public static Overrides none() {
            return new Overrides(null, null, null, false, null, null);
        }
    }

    /** The OS's per-user data folder for Domus (on Linux {@code ~/.local/share/domus}). */
    public static Path defaultDataDir() {
        return Path.of(ProjectDirectories.from("org", "Domus", "Domus").dataDir);
    }

    /** Resolves the configuration; throws {@link ConfigException} with one sentence when it is unusable. */
    public static DomusConfig load(Overrides overrides) {
        Path dataDir = (overrides.dataDir() != null ? overrides.dataDir() : defaultDataDir()).toAbsolutePath().normalize();
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new ConfigException("the data folder " + dataDir + " is a file, not a folder");
        }
        Properties file = readFile(dataDir.resolve(FILE_NAME));

        String host = DEFAULT_MQTT_HOST;
        int port = DomusConfig.DEFAULT_MQTT_PORT;
        int maxPayload = DomusConfig.DEFAULT_MAX_PAYLOAD_BYTES;
        long storeMax = 0;

        Path filePath = dataDir.resolve(FILE_NAME);
        if (file.containsKey(KEY_MQTT_HOST)) {
            host = file.getProperty(KEY_MQTT_HOST).strip();
        }
        if (file.containsKey(KEY_MQTT_PORT)) {
            port = (int) number(file, KEY_MQTT_PORT, filePath);
        }
        if (file.containsKey(KEY_MAX_PAYLOAD)) {
            maxPayload = (int) number(file, KEY_MAX_PAYLOAD, filePath);
        }
        if (file.containsKey(KEY_STORE_MAX)) {
            storeMax = number(file, KEY_STORE_MAX, filePath);
        }

        if (overrides.mqttHost() != null) {
            host = overrides.mqttHost();
        }
        if (overrides.mqttPort() != null) {
            port = overrides.mqttPort();
        }
        if (overrides.maxPayloadBytes() != null) {
            maxPayload = overrides.maxPayloadBytes();
        }
        // TLS beside plain MQTT on 8883; "any free port" for the plain one means any free port for TLS too, so
        // that several consoles on one machine (tests, helpers) never collide on 8883.
        int tlsPort = port == 0 ? 0 : DomusConfig.DEFAULT_MQTT_TLS_PORT;
        if (file.containsKey(KEY_MQTT_TLS_PORT)) {
            tlsPort = file.getProperty(KEY_MQTT_TLS_PORT).strip().equalsIgnoreCase("off") ? DomusConfig.OFF
                    : (int) number(file, KEY_MQTT_TLS_PORT, filePath);
        }
        if (overrides.mqttTlsPort() != null) {
            tlsPort = overrides.mqttTlsPort();
        }
        boolean plain = true;
        if (file.containsKey(KEY_MQTT_PLAIN)) {
            String text = file.getProperty(KEY_MQTT_PLAIN).strip();
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw new ConfigException(KEY_MQTT_PLAIN + " in " + filePath + " must be true or false, not \"" + text + "\"");
            }
            plain = Boolean.parseBoolean(text);
        }
        try {
            return new DomusConfig(dataDir, host, port, overrides.demo(), maxPayload, storeMax,
                    commandPolicies(file, filePath), ignoredEvents(file), tlsPort, plain);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** {@code events.ignore}: event types separated by commas or spaces ({@code rule.cleared, reminder.done}). */
    static Set<String> ignoredEvents(Properties file) {
        String text = file.getProperty(KEY_IGNORE_EVENTS, "");
        Set<String> types = new java.util.TreeSet<>();
        for (String type : text.split("[,\\s]+")) {
            if (!type.isBlank()) {
                types.add(type.strip());
            }
        }
        return types;
    }

    private static Properties readFile(Path file) {
        Properties properties = new Properties();
        if (!Files.isRegularFile(file)) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (String key : properties.stringPropertyNames()) {
            if (!KNOWN_KEYS.contains(key) && !isPolicyKey(key)) {
                LOG.warn("Ignoring unknown key {} in {} (known: {})", key, file, KNOWN_KEYS);
            }
        }
        LOG.debug("Read configuration from {}", file);
        return properties;
    }

    private static boolean isPolicyKey(String key) {
        if (!key.startsWith(COMMANDS_PREFIX)) {
            return false;
        }
        String[] parts = key.substring(COMMANDS_PREFIX.length()).split("\\.");
        return (parts.length == 1 || parts.length == 2) && POLICY_FIELDS.contains(parts[parts.length - 1]);
    }

    /**
     * {@code commands.timeout}, {@code commands.retries}, {@code commands.backoff} for every device kind, and
     * {@code commands.KIND.timeout} (etc.) for one kind, over Domus's defaults.
     */
    static CommandPolicies commandPolicies(Properties file, Path filePath) {
        CommandPolicies defaults = CommandPolicies.DEFAULTS;
        CommandPolicy fallback = policy(file, COMMANDS_PREFIX, defaults.fallback(), filePath);
        Map<String, CommandPolicy> byKind = new HashMap<>();
        defaults.byKind().forEach((kind, policy) -> byKind.put(kind, policy(file, COMMANDS_PREFIX + kind + ".",
                policy, filePath)));
        for (String key : file.stringPropertyNames()) {
            if (isPolicyKey(key)) {
                String[] parts = key.substring(COMMANDS_PREFIX.length()).split("\\.");
                if (parts.length == 2 && !byKind.containsKey(parts[0])) {
                    byKind.put(parts[0], policy(file, COMMANDS_PREFIX + parts[0] + ".", fallback, filePath));
                }
            }
        }
        return new CommandPolicies(fallback, byKind);
    }

    private static CommandPolicy policy(Properties file, String prefix, CommandPolicy base, Path filePath) {
        try {
            Duration timeout = file.containsKey(prefix + "timeout")
                    ? duration(file.getProperty(prefix + "timeout")) : base.timeout();
            int retries = file.containsKey(prefix + "retries")
                    ? (int) number(file, prefix + "retries", filePath) : base.retries();
            Duration backoff = file.containsKey(prefix + "backoff")
                    ? duration(file.getProperty(prefix + "backoff")) : base.backoff();
            return new CommandPolicy(timeout, retries, backoff);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix + "* in " + filePath + ": " + e.getMessage(), e);
        }
    }

    private static Duration duration(String text) {
        return Durations.parse(text).orElseThrow(() -> new IllegalArgumentException(
                "\"" + text + "\" is not a duration such as 500ms, 5s, 2m, 1h or 7d"));
    }

    private static long number(Properties properties, String key, Path file) {
        String text = properties.getProperty(key).strip();
        try {
            long value = Long.parseLong(text);
            if (value < 0 || (!key.equals(KEY_STORE_MAX) && value > Integer.MAX_VALUE)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " in " + file + " must be a whole number, not \"" + text + "\"", e);
        }
    }
}
