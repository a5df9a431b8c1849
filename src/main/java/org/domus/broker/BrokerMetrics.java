package org.domus.broker;

/**
 * A snapshot of the broker's counters; rates are per second over the last few seconds. A malformed packet (a
 * protocol violation such as a wildcard or NUL in a publish topic) closes that client's connection, as MQTT 3.1.1
 * requires.
 */
public record BrokerMetrics(int connectedClients, double messagesInPerSecond, double messagesOutPerSecond,
                            long messagesIn, long messagesOut, long refusedConnects, long refusedPublishes,
                            long refusedPayloads, long malformedPackets, long ingestFailures) {
}
