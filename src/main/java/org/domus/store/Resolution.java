package org.domus.store;

/** Where history points come from: raw telemetry or per-minute / per-hour rollups. */
public enum Resolution {
    RAW, MINUTE, HOUR
}
