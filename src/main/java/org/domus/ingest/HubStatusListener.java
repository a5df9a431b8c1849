package org.domus.ingest;

/** Told when a hub's status changes, on a broker thread: return quickly, copy what you need. */
@FunctionalInterface
public interface HubStatusListener {
    void onHubStatus(HubStatus status);
}
