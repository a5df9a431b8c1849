package org.domus.broker;

/** What the rest of Domus may know of the running broker. */
public interface BrokerStatus {
    String host();

    /** The bound plain MQTT port (never 0 once started). */
    int port();

    BrokerMetrics metrics();
}
