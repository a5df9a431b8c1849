package org.domus.store;

import java.util.List;
import java.util.Objects;

import org.domus.model.SeriesPath;

public record HistorySeries(SeriesPath series, Resolution source, List<HistoryPoint> points) {
    public HistorySeries {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(source, "source");
        points = List.copyOf(points);
    }
}
