package org.domus.ui.live;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.domus.ingest.LiveState;
import org.domus.ingest.LiveStateListener;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;
import org.domus.store.HistoryRepository;
import org.domus.store.HistorySeries;
import org.domus.store.HouseRepository;
import org.domus.ui.fx.FrameBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The houses and their live values, shared by every screen of the console: the structure read from the store,
 * one {@link SeriesState} per series and one {@link DeviceState} per device, kept up to date from the live state.
 *
 * <p>Threads: committed readings arrive on the store writer's thread and go to the FX thread through one
 * {@link FrameBridge} channel, coalesced per series (latest wins), so the FX thread gets one batch per pulse
 * however fast devices publish. Store reads (structure, sparkline history) run on {@code background}. All
 * properties change on the FX thread (tests: the test thread, with a synchronous bridge).
 */
public final class HomeLive implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HomeLive.class);

    private final HouseRepository houses;
    private final HistoryRepository history;
    private final LiveState liveState;
    private final Executor background;
    private final FrameBridge bridge;
    private final Clock clock;
    private final FrameBridge.Channel<SeriesPath, Reading> readings;
    private final LiveStateListener listener = this::committed;
    private final AtomicBoolean reloadRequested = new AtomicBoolean();
    private final List<Consumer<Collection<Reading>>> batchListeners = new CopyOnWriteArrayList<>();

    // FX thread only.
    private final Map<SeriesPath, SeriesState> series = new HashMap<>();
    private final Map<DeviceAddress, DeviceState> devices = new HashMap<>();
    private final Set<SeriesPath> unknownSeries = new HashSet<>();
    private final ReadOnlyObjectWrapper<HomeStructure> structure =
            new ReadOnlyObjectWrapper<>(this, "structure", HomeStructure.empty());
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    public HomeLive(HouseRepository houses, HistoryRepository history, LiveState liveState, Executor background,
                    FrameBridge bridge, Clock clock) {
        this.houses = Objects.requireNonNull(houses, "houses");
        this.history = Objects.requireNonNull(history, "history");
        this.liveState = Objects.requireNonNull(liveState, "liveState");
        this.background = Objects.requireNonNull(background, "background");
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.readings = bridge.channel(this::applyReadings);
    }

    /** Reads the structure and follows the live state from now on. */
    public void start() {
        liveState.addListener(listener);
        requestReload();
    }

    @Override
    public void close() {
        liveState.removeListener(listener);
    }

    /** The structure; replaced as a whole when it changes (a device discovered, the model edited). */
    public ReadOnlyObjectProperty<HomeStructure> structureProperty() {
        return structure.getReadOnlyProperty();
    }

    public HomeStructure structure() {
        return structure.get();
    }

    /** Empty, or one sentence saying why the houses could not be read. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The live value of {@code path} for a view, made on first use (and then kept, with its sparkline). FX thread. */
    public SeriesState series(SeriesPath path) {
        SeriesState state = stateOf(path);
        state.keepSparkline();
        return state;
    }

    private SeriesState stateOf(SeriesPath path) {
        return series.computeIfAbsent(path, SeriesState::new);
    }

    /** The live condition of {@code address}, made on first use. FX thread. */
    public DeviceState device(DeviceAddress address) {
        return devices.computeIfAbsent(address, DeviceState::new);
    }

    /**
     * The series' state with its last hour of history read from the store (once per series; in the background,
     * merged in front of live values when it arrives). FX thread.
     */
    public SeriesState seriesWithHistory(SeriesPath path) {
        SeriesState state = series(path);
        if (state.claimHistory()) {
            Instant now = clock.instant();
            background.execute(() -> {
                try {
                    HistorySeries read = history.query(path, now.minus(SeriesState.SPARK_WINDOW), now,
                            SeriesState.SPARK_POINTS);
                    bridge.execute(() -> state.history(read.points()));
                } catch (RuntimeException e) {
                    LOG.debug("Cannot read the sparkline of {}: {}", path, e.getMessage());
                }
            });
        }
        return state;
    }

    /** Told of each batch of readings after the states took it, on the FX thread (charts follow live data). */
    public void addBatchListener(Consumer<Collection<Reading>> batchListener) {
        batchListeners.add(Objects.requireNonNull(batchListener, "batchListener"));
    }

    public void removeBatchListener(Consumer<Collection<Reading>> batchListener) {
        batchListeners.remove(batchListener);
    }

    /** Reads the structure again, soon, off the FX thread; requests made meanwhile are merged. Any thread. */
    public void requestReload() {
        if (reloadRequested.compareAndSet(false, true)) {
            background.execute(this::reload);
        }
    }

    /** The live state listener: on the store writer's thread, once per committed batch. Returns at once. */
    void committed(List<Reading> committed, List<Device> discovered) {
        for (Reading reading : committed) {
            readings.publish(reading.series(), reading);
        }
        if (!discovered.isEmpty()) {
            bridge.execute(unknownSeries::clear);
            requestReload();
        }
    }

    /** FX thread: the latest reading of each series changed since the last batch. */
    void applyReadings(Map<SeriesPath, Reading> batch) {
        boolean structureMissing = false;
        HomeStructure known = structure.get();
        for (Reading reading : batch.values()) {
            apply(reading);
            if (!DeviceState.STATUS.equals(reading.series().attribute())
                    && known.device(reading.series().deviceAddress()).isEmpty()) {
                structureMissing |= unknownSeries.add(reading.series());
            }
        }
        if (structureMissing) {
            requestReload();
        }
        for (Consumer<Collection<Reading>> batchListener : batchListeners) {
            try {
                batchListener.accept(batch.values());
            } catch (RuntimeException e) {
                LOG.error("A live view failed to take a batch", e);
            }
        }
    }

    private void apply(Reading reading) {
        if (stateOf(reading.series()).apply(reading)) {
            device(reading.series().deviceAddress()).apply(reading);
        }
    }

    /** Background: reads the structure and hands it to the FX thread with the latest values. */
    private void reload() {
        reloadRequested.set(false);
        try {
            HomeStructure read = HomeStructure.read(houses);
            Map<SeriesPath, Reading> latest = liveState.snapshot();
            bridge.execute(() -> {
                latest.values().forEach(this::apply);
                problem.set("");
                structure.set(read);
            });
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the houses: {}", e.getMessage());
            LOG.debug("Reading the houses failed", e);
            String sentence = e.getMessage() == null ? e.toString() : e.getMessage();
            bridge.execute(() -> problem.set(sentence));
        }
    }
}
