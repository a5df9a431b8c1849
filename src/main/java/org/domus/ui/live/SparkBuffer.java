package org.domus.ui.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.domus.store.HistoryPoint;

/**
 * The recent numeric values of one series, for a sparkline: at most {@code capacity} points no older than
 * {@code window} before the newest. History read from the store is merged in front of what arrived live.
 * Not thread-safe: the FX thread owns it.
 */
public final class SparkBuffer {

    private final int capacity;
    private final Duration window;
    private final ArrayDeque<HistoryPoint> points = new ArrayDeque<>();

    public SparkBuffer(int capacity, Duration window) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2");
        }
        this.capacity = capacity;
        this.window = window;
    }

    /** Appends a live point; an out-of-order point older than the newest is dropped. */
    public void add(Instant timestamp, double value) {
        HistoryPoint last = points.peekLast();
        if (last != null && timestamp.isBefore(last.timestamp())) {
            return;
        }
        points.addLast(new HistoryPoint(timestamp, value));
        trim();
    }

    /** Puts {@code history} (oldest first) before the points already held that are newer than all of it. */
    public void prepend(Collection<HistoryPoint> history) {
        if (history.isEmpty()) {
            return;
        }
        List<HistoryPoint> merged = new ArrayList<>(history);
        Instant newestHistory = merged.getLast().timestamp();
        for (HistoryPoint point : points) {
            if (point.timestamp().isAfter(newestHistory)) {
                merged.add(point);
            }
        }
        points.clear();
        int skip = Math.max(0, merged.size() - capacity);
        for (int i = skip; i < merged.size(); i++) {
            points.addLast(merged.get(i));
        }
        trim();
    }

    private void trim() {
        while (points.size() > capacity) {
            points.removeFirst();
        }
        HistoryPoint last = points.peekLast();
        if (last != null) {
            Instant oldest = last.timestamp().minus(window);
            while (points.size() > 1 && points.peekFirst().timestamp().isBefore(oldest)) {
                points.removeFirst();
            }
        }
    }

    public List<HistoryPoint> points() {
        return List.copyOf(points);
    }

    public int size() {
        return points.size();
    }
}
