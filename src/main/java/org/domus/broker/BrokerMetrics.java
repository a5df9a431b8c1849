package org.domus.broker;

/** A snapshot of the broker's counters; rates are per second over the last few seconds. */
public record BrokerMetrics(int connectedClients, double messagesInPerSecond, double messagesOutPerSecond,
                            long messagesIn, long messagesOut, long refusedConnects, long refusedPublishes,
                            long refusedPayloads, long ingestFailures) {
}
