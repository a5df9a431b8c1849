package org.domus.broker;

/** What the rest of Domus may know of the running broker. */
public interface BrokerStatus {
    String host();

    /** The bound plain MQTT port (never 0 once started), or -1 when the plain listener is off. */
    int port();

    /** The bound MQTT-over-TLS port, or -1 when there is no TLS listener. */
    default int tlsPort() {
        return -1;
    }

    BrokerMetrics metrics();
}
