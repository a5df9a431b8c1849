package org.domus.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.domus.store.HistoryPoint;
import org.junit.jupiter.api.Test;

class SparkBufferTest {

    private final Instant t = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void holdsAtMostItsCapacityAndItsWindow() {
        SparkBuffer buffer = new SparkBuffer(3, Duration.ofMinutes(10));
        for (int i = 0; i < 5; i++) {
            buffer.add(t.plusSeconds(i), i);
        }
        assertEquals(List.of(2.0, 3.0, 4.0), buffer.points().stream().map(HistoryPoint::value).toList());
        buffer.add(t.plusSeconds(3600), 9);
        assertEquals(List.of(9.0), buffer.points().stream().map(HistoryPoint::value).toList(),
                "points older than the window before the newest go");
    }

    @Test
    void dropsAPointOlderThanTheNewest() {
        SparkBuffer buffer = new SparkBuffer(10, Duration.ofHours(1));
        buffer.add(t.plusSeconds(10), 1);
        buffer.add(t, 2);
        assertEquals(1, buffer.size());
    }

    @Test
    void putsHistoryBeforeLivePoints() {
        SparkBuffer buffer = new SparkBuffer(10, Duration.ofHours(1));
        buffer.add(t.plusSeconds(100), 5);
        buffer.prepend(List.of(new HistoryPoint(t, 1), new HistoryPoint(t.plusSeconds(50), 2),
                new HistoryPoint(t.plusSeconds(100), 5)));
        assertEquals(List.of(1.0, 2.0, 5.0), buffer.points().stream().map(HistoryPoint::value).toList());
    }
}
