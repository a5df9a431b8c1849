package org.domus.ui.device;

import java.time.Duration;

/** The ranges a device chart offers; {@link #CUSTOM} is a from–to the user picks. */
public enum ChartRange {
    MINUTES_15("15m", Duration.ofMinutes(15)),
    HOUR_1("1h", Duration.ofHours(1)),
    HOURS_24("24h", Duration.ofHours(24)),
    DAYS_7("7d", Duration.ofDays(7)),
    DAYS_30("30d", Duration.ofDays(30)),
    YEAR_1("1y", Duration.ofDays(365)),
    CUSTOM("custom", null);

    private final String code;
    private final Duration length;

    ChartRange(String code, Duration length) {
        this.code = code;
        this.length = length;
    }

    /** Its bundle key suffix and short name: {@code 15m}, {@code 1h}, … */
    public String code() {
        return code;
    }

    /** The span up to now; null for {@link #CUSTOM}. */
    public Duration length() {
        return length;
    }
}
