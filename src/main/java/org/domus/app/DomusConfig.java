package org.domus.app;

import org.domus.command.CommandPolicies;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a running Domus needs to know, resolved once: defaults, then {@code domus.properties} in the data
 * folder, then command-line options.
 *
 * @param maxPayloadBytes  a PUBLISH larger than this is refused (and counted)
 * @param storeMaxBytes    0 for no limit; otherwise the store refuses writes beyond this size, as a full disk would
 * @param ignoredEventTypes event types neither stored nor notified ({@code events.ignore})
 */
public record DomusConfig(Path dataDir, String mqttHost, int mqttPort, boolean demo, int maxPayloadBytes,
                          long storeMaxBytes, CommandPolicies commandPolicies, Set<String> ignoredEventTypes) {

    /** Ignoring no event type. */
    public DomusConfig(Path dataDir, String mqttHost, int mqttPort, boolean demo, int maxPayloadBytes,
                       long storeMaxBytes, CommandPolicies commandPolicies) {
        this(dataDir, mqttHost, mqttPort, demo, maxPayloadBytes, storeMaxBytes, commandPolicies, Set.of());
    }

    /** With Domus's default command policies. */
    public DomusConfig(Path dataDir, String mqttHost, int mqttPort, boolean demo, int maxPayloadBytes,
                       long storeMaxBytes) {
        this(dataDir, mqttHost, mqttPort, demo, maxPayloadBytes, storeMaxBytes, CommandPolicies.DEFAULTS);
    }

    public static final int DEFAULT_MQTT_PORT = 1883;
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

    public DomusConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(mqttHost, "mqttHost");
        Objects.requireNonNull(commandPolicies, "commandPolicies");
        ignoredEventTypes = ignoredEventTypes == null ? Set.of() : Set.copyOf(ignoredEventTypes);
        if (mqttPort < 0 || mqttPort > 65535) {
            throw new IllegalArgumentException("MQTT port " + mqttPort + " is not between 0 and 65535");
        }
        if (demo && !isLoopback(mqttHost)) {
            throw new IllegalArgumentException("--demo allows anonymous MQTT and so listens on loopback only, not " + mqttHost);
        }
        if (maxPayloadBytes < 16) {
            throw new IllegalArgumentException("maximum payload of " + maxPayloadBytes + " bytes is too small");
        }
    }

    public static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }

    public DomusConfig withPort(int port) {
        return new DomusConfig(dataDir, mqttHost, port, demo, maxPayloadBytes, storeMaxBytes, commandPolicies,
                ignoredEventTypes);
    }
}
