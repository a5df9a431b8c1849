package org.domus.ingest;

/** Ingest's counters since start. */
public record IngestMetrics(long received, long stored, long duplicates, long refusedTopics, long refusedPayloads,
                            long ignored, long storeFailures, int queued) {
}
