package org.domus.sim.vendor;

import java.util.Objects;

/** A message a simulated vendor device publishes: full topic, payload bytes, retained or not. */
public record VendorMessage(String topic, byte[] payload, boolean retain) {
    public VendorMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }
}
