package org.domus.ingest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.domus.model.Device;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;

/** Latest value per attribute, in memory, updated after each committed batch. Thread-safe. */
public final class LiveState {

    private final Map<SeriesPath, Reading> latest = new ConcurrentHashMap<>();
    private final List<LiveStateListener> listeners = new CopyOnWriteArrayList<>();

    public Optional<Reading> latest(SeriesPath series) {
        return Optional.ofNullable(latest.get(series));
    }

    /** A copy of every latest value. */
    public Map<SeriesPath, Reading> snapshot() {
        return Map.copyOf(latest);
    }

    public void addListener(LiveStateListener listener) {
        listeners.add(listener);
    }

    public void removeListener(LiveStateListener listener) {
        listeners.remove(listener);
    }

    /** Called by ingest on the writer thread after a commit. */
    void apply(List<Reading> committed, List<Device> discovered) {
        for (Reading reading : committed) {
            latest.merge(reading.series(), reading,
                    (old, fresh) -> fresh.timestamp().isBefore(old.timestamp()) ? old : fresh);
        }
        for (LiveStateListener listener : listeners) {
            listener.onCommitted(committed, discovered);
        }
    }
}
