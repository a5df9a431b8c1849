package org.domus.store;

import java.util.ArrayList;
import java.util.List;

/** Reduces a series to a number of points a chart can draw, keeping its shape. Pure functions. */
public final class Downsampler {

    private Downsampler() {
    }

    /**
     * Splits the points (in time order) into {@code maxPoints / 2} runs of equal length and keeps each run's
     * minimum and maximum, in time order. The result has at most {@code maxPoints} points, keeps the order,
     * and holds the series' overall extremes; a list that already fits is returned as it is.
     */
    public static List<HistoryPoint> minMax(List<HistoryPoint> points, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be at least 1");
        }
        int n = points.size();
        if (n <= maxPoints) {
            return List.copyOf(points);
        }
        if (maxPoints == 1) {
            return List.of(points.getLast());
        }
        int runs = maxPoints / 2;
        List<HistoryPoint> out = new ArrayList<>(runs * 2);
        for (int run = 0; run < runs; run++) {
            int start = (int) ((long) run * n / runs);
            int end = (int) ((long) (run + 1) * n / runs);
            int low = start;
            int high = start;
            for (int i = start + 1; i < end; i++) {
                double value = points.get(i).value();
                if (value < points.get(low).value()) {
                    low = i;
                }
                if (value > points.get(high).value()) {
                    high = i;
                }
            }
            if (low == high) {
                out.add(points.get(low));
            } else {
                out.add(points.get(Math.min(low, high)));
                out.add(points.get(Math.max(low, high)));
            }
        }
        return List.copyOf(out);
    }
}
