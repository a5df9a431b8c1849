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
 */
public record BrokerSettings(String host, int port, Path dataDir, String demoHouse, int maxPayloadBytes,
                             int maxUnconfirmedPerClient, int maxConnections) {

    public BrokerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        if (demoHouse != null && !isLoopback(host)) {
            throw new IllegalArgumentException("anonymous demo access is only offered on loopback, not on " + host);
        }
    }

    public static BrokerSettings of(String host, int port, Path dataDir, String demoHouse, int maxPayloadBytes) {
        return new BrokerSettings(host, port, dataDir, demoHouse, maxPayloadBytes, 1_000, 20_000);
    }

    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }
}
