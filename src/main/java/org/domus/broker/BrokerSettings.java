package org.domus.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the embedded broker runs.
 *
 * @param demoHouse               the house anonymous clients belong to; null unless in demo mode (loopback only)
 * @param maxUnconfirmedPerClient a client's QoS 1/2 messages waiting for their commit before the broker stops
 *                                reading from it
 * @param maxConnections          connections beyond this are closed at once
 * @param port                    the plain MQTT port, 0 for any free one, {@link #OFF} for none
 * @param tlsPort                 the MQTT-over-TLS port, 0 for any free one, {@link #OFF} for none
 */
public record BrokerSettings(String host, int port, Path dataDir, String demoHouse, int maxPayloadBytes,
                             int maxUnconfirmedPerClient, int maxConnections, int tlsPort) {

    /** A listener that is not opened. */
    public static final int OFF = -1;

    public BrokerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < OFF || port > 65535 || tlsPort < OFF || tlsPort > 65535) {
            throw new IllegalArgumentException("MQTT ports must be between 0 and 65535");
        }
        if (port == OFF && tlsPort == OFF) {
            throw new IllegalArgumentException("the plain and the TLS listener cannot both be off");
        }
        if (demoHouse != null && !isLoopback(host)) {
            throw new IllegalArgumentException("anonymous demo access is only offered on loopback, not on " + host);
        }
    }

    public static BrokerSettings of(String host, int port, Path dataDir, String demoHouse, int maxPayloadBytes) {
        return new BrokerSettings(host, port, dataDir, demoHouse, maxPayloadBytes, 1_000, 20_000, OFF);
    }

    /** The same settings with these listeners ({@link #OFF} for none). */
    public BrokerSettings withListeners(int plainPort, int tlsPort) {
        return new BrokerSettings(host, plainPort, dataDir, demoHouse, maxPayloadBytes, maxUnconfirmedPerClient,
                maxConnections, tlsPort);
    }

    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }
}
