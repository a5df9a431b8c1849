package org.domus.model;

import java.util.concurrent.CompletableFuture;

/** Publishes MQTT messages for Domus itself (commands). Thread-safe; never blocks the caller. */
public interface MessagePublisher {

    /**
     * Publishes {@code message}; the future completes when the broker has taken it (routed it to its
     * subscribers' sessions, or acknowledged it for a remote broker) and fails with a one-line reason otherwise.
     */
    CompletableFuture<Void> publish(OutboundMessage message);
}
