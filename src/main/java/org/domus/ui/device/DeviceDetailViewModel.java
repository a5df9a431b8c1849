package org.domus.ui.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.Event;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;
import org.domus.store.EventRepository;
import org.domus.store.HistoryPoint;
import org.domus.store.HistoryRepository;
import org.domus.store.HistorySeries;
import org.domus.ui.fx.FrameBridge;
import org.domus.ui.live.CommandStatus;
import org.domus.ui.live.CommandTracker;
import org.domus.ui.live.DeviceState;
import org.domus.ui.live.HomeLive;
import org.domus.ui.live.HomeStructure;
import org.domus.ui.live.SeriesState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device in detail: every attribute with its live value, a chart of its numeric attributes over a range
 * (history read through the store's downsampled query, then following live data), commands for its writable
 * attributes with their states, and its event log.
 *
 * <p>Threads: store reads run on {@code background} and come back through the bridge; live points arrive with
 * the {@link HomeLive} batches on the FX thread. Every property changes on the FX thread.
 */
public final class DeviceDetailViewModel implements AutoCloseable {

    /** Points per series read for a range; live points come on top, and a series never holds more than MAX. */
    static final int HISTORY_POINTS = 600;
    static final int MAX_POINTS = 1_200;
    static final int EVENTS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(DeviceDetailViewModel.class);

    private final DeviceAddress address;
    private final HomeLive home;
    private final CommandTracker commands;
    private final HistoryRepository history;
    private final EventRepository events;
    private final Executor background;
    private final Executor historyReads;
    private final FrameBridge bridge;
    private final Clock clock;
    private final Consumer<Collection<Reading>> batchListener = this::live;
    /** The device may not be known yet when the view opens (the houses still being read): describe it then. */
    private final javafx.beans.value.ChangeListener<HomeStructure> structureListener = (o, old, now) -> {
        if (this.device == null) {
            describe(now);
            if (this.device != null) {
                load();
            }
        }
    };
    private final AtomicLong loadGeneration = new AtomicLong();

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper place = new ReadOnlyStringWrapper(this, "place", "");
    private final ReadOnlyStringWrapper kind = new ReadOnlyStringWrapper(this, "kind", "");
    private final ReadOnlyObjectWrapper<ChartRange> range = new ReadOnlyObjectWrapper<>(this, "range",
            ChartRange.HOUR_1);
    private final ReadOnlyObjectWrapper<Instant> from = new ReadOnlyObjectWrapper<>(this, "from");
    private final ReadOnlyObjectWrapper<Instant> to = new ReadOnlyObjectWrapper<>(this, "to");
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyObjectWrapper<Duration> lastLoad = new ReadOnlyObjectWrapper<>(this, "lastLoad");
    private final ObservableList<Attribute> attributes = FXCollections.observableArrayList();
    private final ObservableList<ChartSeries> chart = FXCollections.observableArrayList();
    private final ObservableList<Event> eventLog = FXCollections.observableArrayList();
    private final Map<SeriesPath, ChartSeries> chartBySeries = new HashMap<>();
    private Device device;

    public DeviceDetailViewModel(DeviceAddress address, HomeLive home, CommandTracker commands,
                                 HistoryRepository history, EventRepository events, Executor background,
                                 FrameBridge bridge, Clock clock) {
        this(address, home, commands, history, events, background, background, bridge, clock);
    }

    /**
     * @param historyReads runs the chart's history reads: in the console {@link #threadPerRead()}, so that opening
     *                     a chart never waits behind the other reads on {@code background} (sparklines, structure)
     */
    public DeviceDetailViewModel(DeviceAddress address, HomeLive home, CommandTracker commands,
                                 HistoryRepository history, EventRepository events, Executor background,
                                 Executor historyReads, FrameBridge bridge, Clock clock) {
        this.historyReads = Objects.requireNonNull(historyReads, "historyReads");
        this.address = Objects.requireNonNull(address, "address");
        this.home = Objects.requireNonNull(home, "home");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.history = Objects.requireNonNull(history, "history");
        this.events = Objects.requireNonNull(events, "events");
        this.background = Objects.requireNonNull(background, "background");
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.clock = Objects.requireNonNull(clock, "clock");
        describe(home.structure());
        home.addBatchListener(batchListener);
        home.structureProperty().addListener(structureListener);
        // Resuming follows now again: the points missed while paused are read from the store.
        paused.addListener((o, was, now) -> {
            if (!now && range.get() != ChartRange.CUSTOM) {
                load();
            }
        });
    }

    /**
     * Runs each task on a new daemon thread of its own: a chart's history read (a few milliseconds from the
     * rollups) then never queues behind anything; stale answers are dropped by the load's generation.
     */
    public static Executor threadPerRead() {
        return task -> Thread.ofPlatform().daemon().name("chart-history").start(task);
    }

    /** Reads the chart's history for the current range and the event log. */
    public void start() {
        load();
        refreshEvents();
    }

    @Override
    public void close() {
        home.removeBatchListener(batchListener);
        home.structureProperty().removeListener(structureListener);
        loadGeneration.incrementAndGet();
    }

    public DeviceAddress address() {
        return address;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** "Living room · Demo house". */
    public ReadOnlyStringProperty placeProperty() {
        return place.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty kindProperty() {
        return kind.getReadOnlyProperty();
    }

    public ObservableList<Attribute> attributes() {
        return attributes;
    }

    /** Writable attributes, in name order: each gets a control. */
    public List<Attribute> writable() {
        return attributes.stream().filter(Attribute::writable).toList();
    }

    public ObservableList<ChartSeries> chart() {
        return chart;
    }

    public ObservableList<Event> eventLog() {
        return eventLog;
    }

    public ReadOnlyObjectProperty<ChartRange> rangeProperty() {
        return range.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> fromProperty() {
        return from.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> toProperty() {
        return to.getReadOnlyProperty();
    }

    /** While paused, live values do not move the chart (the table still shows them). */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Empty, or one sentence saying why the history could not be read. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** How long the last range took from asking to points handed over (the chart draws in the next pulse). */
    public ReadOnlyObjectProperty<Duration> lastLoadProperty() {
        return lastLoad.getReadOnlyProperty();
    }

    public DeviceState state() {
        return home.device(address);
    }

    public SeriesState value(Attribute attribute) {
        return home.series(attribute.path());
    }

    public ReadOnlyObjectProperty<CommandStatus> commandStatus(Attribute attribute) {
        return commands.status(attribute.path());
    }

    /** Sends {@code attribute := value}; the control shows its status. */
    public void send(Attribute attribute, String value) {
        commands.send(attribute.path(), value);
        // The command's events are in the log once written; read it again shortly.
        refreshEvents();
    }

    /** Shows the last {@code newRange} up to now, following live data. */
    public void setRange(ChartRange newRange) {
        if (newRange == ChartRange.CUSTOM) {
            throw new IllegalArgumentException("a custom range needs its bounds: use setCustomRange");
        }
        range.set(newRange);
        load();
    }

    /** Shows {@code start} to {@code end}; a custom range does not follow live data. */
    public void setCustomRange(Instant start, Instant end) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the range must start before it ends");
        }
        range.set(ChartRange.CUSTOM);
        load(start, end);
    }

    /** Reads the current range again. */
    public void load() {
        if (range.get() == ChartRange.CUSTOM) {
            load(from.get(), to.get());
            return;
        }
        Instant now = clock.instant();
        load(now.minus(range.get().length()), now);
    }

    private void load(Instant start, Instant end) {
        from.set(start);
        to.set(end);
        List<Attribute> numeric = chart.stream().map(ChartSeries::attribute).toList();
        long generation = loadGeneration.incrementAndGet();
        loading.set(true);
        long asked = System.nanoTime();
        historyReads.execute(() -> {
            Map<SeriesPath, List<HistoryPoint>> read = new HashMap<>();
            String failure = "";
            for (Attribute attribute : numeric) {
                try {
                    HistorySeries series = history.query(attribute.path(), start, end, HISTORY_POINTS);
                    read.put(attribute.path(), series.points());
                } catch (RuntimeException e) {
                    LOG.warn("Cannot read the history of {}: {}", attribute.path(), e.getMessage());
                    failure = e.getMessage() == null ? e.toString() : e.getMessage();
                }
            }
            String problemText = failure;
            bridge.execute(() -> {
                if (generation != loadGeneration.get()) {
                    return;
                }
                for (ChartSeries series : chart) {
                    List<HistoryPoint> points = read.getOrDefault(series.attribute().path(), List.of());
                    List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
                    for (HistoryPoint point : points) {
                        data.add(point(point.timestamp(), point.value()));
                    }
                    series.points().setAll(data);
                }
                problem.set(problemText);
                loading.set(false);
                lastLoad.set(Duration.ofNanos(System.nanoTime() - asked));
            });
        });
    }

    /** Reads the event log again, in the background. */
    public void refreshEvents() {
        String subject = address.toString();
        background.execute(() -> {
            try {
                List<Event> read = events.aboutSubject(subject, EVENTS);
                bridge.execute(() -> eventLog.setAll(read));
            } catch (RuntimeException e) {
                LOG.warn("Cannot read the events of {}: {}", subject, e.getMessage());
            }
        });
    }

    /** FX thread: a batch of live readings; this device's numeric ones extend the chart. */
    private void live(Collection<Reading> batch) {
        boolean mine = false;
        boolean follows = !paused.get() && range.get() != ChartRange.CUSTOM;
        Instant newest = null;
        for (Reading reading : batch) {
            if (!reading.series().deviceAddress().equals(address)) {
                continue;
            }
            mine = true;
            ChartSeries series = chartBySeries.get(reading.series());
            if (series == null || reading.number() == null || !follows) {
                continue;
            }
            ObservableList<XYChart.Data<Number, Number>> points = series.points();
            double x = seconds(reading.timestamp());
            if (!points.isEmpty() && points.getLast().getXValue().doubleValue() > x) {
                continue;
            }
            points.add(point(reading.timestamp(), reading.number()));
            if (points.size() > MAX_POINTS) {
                points.remove(0, points.size() - MAX_POINTS);
            }
            newest = newest == null || reading.timestamp().isAfter(newest) ? reading.timestamp() : newest;
        }
        if (newest != null) {
            Instant start = newest.minus(range.get().length());
            to.set(newest);
            from.set(start);
            double oldest = seconds(start);
            for (ChartSeries series : chart) {
                ObservableList<XYChart.Data<Number, Number>> points = series.points();
                int drop = 0;
                while (drop < points.size() - 1 && points.get(drop).getXValue().doubleValue() < oldest) {
                    drop++;
                }
                if (drop > 0) {
                    points.remove(0, drop);
                }
            }
        }
        if (mine && device == null) {
            describe(home.structure());
        }
    }

    private void describe(HomeStructure structure) {
        Optional<HomeStructure.HouseEntry> house = structure.house(address.house());
        Optional<Device> found = house.flatMap(h -> h.devices().stream()
                .filter(d -> d.address().equals(address)).findFirst());
        if (found.isEmpty()) {
            title.set(address.device());
            place.set(address.toString());
            return;
        }
        device = found.get();
        HomeStructure.HouseEntry entry = house.get();
        title.set(device.name());
        kind.set(device.kind());
        String room = device.room().flatMap(entry::room).map(r -> r.name()).orElse("");
        place.set(room.isEmpty() ? entry.house().name() : room + " · " + entry.house().name());
        List<Attribute> list = entry.attributesOf(device).stream()
                .filter(a -> !a.path().attribute().equals("status")).toList();
        attributes.setAll(list);
        chartBySeries.clear();
        List<ChartSeries> numeric = new ArrayList<>();
        for (Attribute attribute : list) {
            if (attribute.kind() == AttributeKind.NUMERIC) {
                ChartSeries series = new ChartSeries(attribute);
                chartBySeries.put(attribute.path(), series);
                numeric.add(series);
            }
        }
        chart.setAll(numeric);
    }

    static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private static XYChart.Data<Number, Number> point(Instant timestamp, double value) {
        return new XYChart.Data<>(seconds(timestamp), value);
    }
}
