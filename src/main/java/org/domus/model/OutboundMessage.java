package org.domus.model;

import java.util.Objects;

/** An MQTT message Domus publishes: full topic, payload bytes, QoS 0 or 1, retained or not. */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retain) {
    public OutboundMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        if (qos < 0 || qos > 1) {
            throw new IllegalArgumentException("QoS must be 0 or 1");
        }
    }
}
