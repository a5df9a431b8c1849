package org.domus.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One PUBLISH as the broker received it, copied out of the network buffer.
 *
 * @param house      the house the sender's identity belongs to; null for the console's own identity
 * @param packetId   the MQTT packet id (QoS 1), 0 for QoS 0
 * @param redelivery the MQTT DUP flag: the sender may have sent this message before
 */
public record InboundMessage(String clientId, String house, String topic, byte[] payload, int qos, boolean retain,
                             int packetId, boolean redelivery, Instant receivedAt) {

    public InboundMessage {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS " + qos + " is not 0, 1 or 2");
        }
    }

    public InboundMessage withReceivedAt(Instant at) {
        return new InboundMessage(clientId, house, topic, payload, qos, retain, packetId, redelivery, at);
    }

    public InboundMessage withHouse(String senderHouse) {
        return new InboundMessage(clientId, senderHouse, topic, payload, qos, retain, packetId, redelivery, receivedAt);
    }
}
