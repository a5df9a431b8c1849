package org.domus.ui.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;

/**
 * The live value of one series as the console shows it: the latest text and number, when it was seen, and a
 * sparkline of the last hour. Changed on the FX thread only; never goes back in time. Shared by every view
 * showing the series, so a value arrives once and every tile and table shows it.
 */
public final class SeriesState {

    static final int SPARK_POINTS = 120;
    static final Duration SPARK_WINDOW = Duration.ofHours(1);

    private final SeriesPath series;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyObjectWrapper<Double> number = new ReadOnlyObjectWrapper<>(this, "number");
    private final ReadOnlyObjectWrapper<Instant> lastSeen = new ReadOnlyObjectWrapper<>(this, "lastSeen");
    private final ReadOnlyLongWrapper sparkVersion = new ReadOnlyLongWrapper(this, "sparkVersion");
    private final SparkBuffer spark = new SparkBuffer(SPARK_POINTS, SPARK_WINDOW);
    private boolean historyRequested;
    private boolean sparkKept;

    SeriesState(SeriesPath series) {
        this.series = Objects.requireNonNull(series, "series");
    }

    public SeriesPath series() {
        return series;
    }

    /** The value as the device sent it; empty before the first. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** The numeric value (booleans 1/0); null for text values and before the first. */
    public ReadOnlyObjectProperty<Double> numberProperty() {
        return number.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> lastSeenProperty() {
        return lastSeen.getReadOnlyProperty();
    }

    /** Counts changes of the sparkline: listen to it and redraw from {@link #sparkline()}. */
    public ReadOnlyLongProperty sparkVersionProperty() {
        return sparkVersion.getReadOnlyProperty();
    }

    public SparkBuffer sparkline() {
        return spark;
    }

    public String getText() {
        return text.get();
    }

    public Instant getLastSeen() {
        return lastSeen.get();
    }

    /** Takes the reading unless a newer one is shown. Returns whether it did. FX thread. */
    boolean apply(Reading reading) {
        Instant current = lastSeen.get();
        if (current != null && reading.timestamp().isBefore(current)) {
            return false;
        }
        lastSeen.set(reading.timestamp());
        text.set(reading.text());
        number.set(reading.number());
        if (sparkKept && reading.number() != null) {
            spark.add(reading.timestamp(), reading.number());
            sparkVersion.set(sparkVersion.get() + 1);
        }
        return true;
    }

    /**
     * From now on keeps the sparkline's points, starting with the current value. A series no view has asked for
     * keeps none: with 10,000 devices live and 50 on screen, buffering every series' points cost the heap
     * hundreds of MB, and a view that asks later reads the last hour from the store anyway. FX thread.
     */
    void keepSparkline() {
        if (sparkKept) {
            return;
        }
        sparkKept = true;
        if (number.get() != null && lastSeen.get() != null) {
            spark.add(lastSeen.get(), number.get());
            sparkVersion.set(sparkVersion.get() + 1);
        }
    }

    void history(java.util.List<org.domus.store.HistoryPoint> points) {
        spark.prepend(points);
        sparkVersion.set(sparkVersion.get() + 1);
    }

    /** True the first time only: whether the sparkline's history still has to be read. */
    boolean claimHistory() {
        if (historyRequested) {
            return false;
        }
        historyRequested = true;
        return true;
    }
}
