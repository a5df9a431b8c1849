package org.domus.store;

import java.util.Objects;

/** Identifies one QoS 1 delivery, so a redelivered message is stored once. */
public record DeliveryReceipt(String clientId, int packetId, long contentHash, boolean redelivery) {
    public DeliveryReceipt {
        Objects.requireNonNull(clientId, "clientId");
    }
}
