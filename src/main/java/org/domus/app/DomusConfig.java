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
 * @param mqttTlsPort      the MQTT-over-TLS port ({@value #DEFAULT_MQTT_TLS_PORT} by default), 0 for any free one,
 *                         {@value #OFF} for no TLS listener
 * @param mqttPlain        false to open no plain (unencrypted) MQTT listener, only the TLS one
 */
public record DomusConfig(Path dataDir, String mqttHost, int mqttPort, boolean demo, int maxPayloadBytes,
                          long storeMaxBytes, CommandPolicies commandPolicies, Set<String> ignoredEventTypes,
                          int mqttTlsPort, boolean mqttPlain) {

    /** A listener that is not opened. */
    public static final int OFF = -1;
    public static final int DEFAULT_MQTT_TLS_PORT = 8883;

    /** Plain MQTT only, no TLS listener, ignoring no event type. */
    public DomusConfig(Path dataDir, String mqttHost, int mqttPort, boolean demo, int maxPayloadBytes,
                       long storeMaxBytes, CommandPolicies commandPolicies) {
        this(dataDir, mqttHost, mqttPort, demo, maxPayloadBytes, storeMaxBytes, commandPolicies, Set.of(), OFF, true);
    }

    /** With Domus's default command policies, plain MQTT only. */
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
        if (mqttTlsPort < OFF || mqttTlsPort > 65535) {
            throw new IllegalArgumentException("MQTT TLS port " + mqttTlsPort + " is not between 0 and 65535");
        }
        if (!mqttPlain && mqttTlsPort == OFF) {
            throw new IllegalArgumentException("with the plain MQTT listener off (mqtt.plain=false) the TLS one"
                    + " cannot be off too");
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
                ignoredEventTypes, mqttTlsPort, mqttPlain);
    }

    /** The same configuration with these MQTT listeners. */
    public DomusConfig withListeners(int port, int tlsPort, boolean plain) {
        return new DomusConfig(dataDir, mqttHost, port, demo, maxPayloadBytes, storeMaxBytes, commandPolicies,
                ignoredEventTypes, tlsPort, plain);
    }
}
