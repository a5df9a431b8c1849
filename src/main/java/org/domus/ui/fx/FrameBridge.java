package org.domus.ui.fx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way onto the FX thread. Any thread may {@link #execute} a task or {@link Channel#publish} a value;
 * at most one {@code Platform.runLater} is pending at any time, and when it runs it applies everything that
 * arrived since, as one batch: the queued tasks in order, then each channel's latest value per key.
 * A flood of values therefore costs the FX thread one batch per frame, never one call per value, and the
 * sender never waits.
 *
 * <p>The only class in Domus that calls {@code Platform.runLater} (an architecture test keeps it so).
 */
public final class FrameBridge implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(FrameBridge.class);

    private final Executor fxThread;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Channel<?, ?>> channels = new CopyOnWriteArrayList<>();

    /**
     * @param fxThread runs a drain on the FX thread: {@code Platform::runLater} in the application; tests pass
     *                 {@code Runnable::run} (synchronous) or a queue they run by hand
     */
    public FrameBridge(Executor fxThread) {
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
    }

    /** A bridge onto the JavaFX application thread. */
    public static FrameBridge onFxThread() {
        return new FrameBridge(Platform::runLater);
    }

    /**
     * A channel whose values are coalesced per key (the latest wins) and handed to {@code applier} on the FX
     * thread, one map per batch, never empty.
     */
    public <K, V> Channel<K, V> channel(Consumer<Map<K, V>> applier) {
        Channel<K, V> channel = new Channel<>(applier);
        channels.add(channel);
        return channel;
    }

    /** Runs {@code task} on the FX thread in the next batch. Any thread. */
    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
        requestBatch();
    }

    private void requestBatch() {
        if (scheduled.compareAndSet(false, true)) {
            fxThread.execute(this::drain);
        }
    }

    /** On the FX thread. */
    private void drain() {
        // Cleared first: anything arriving while this batch runs schedules the next one.
        scheduled.set(false);
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("A UI task failed", e);
            }
        }
        for (Channel<?, ?> channel : channels) {
            channel.drain();
        }
    }

    /** Values for the FX thread, coalesced per key. */
    public final class Channel<K, V> {
        private final ConcurrentHashMap<K, V> pending = new ConcurrentHashMap<>();
        private final Consumer<Map<K, V>> applier;

        private Channel(Consumer<Map<K, V>> applier) {
            this.applier = Objects.requireNonNull(applier, "applier");
        }

        /** Replaces any pending value of {@code key}. Any thread; never blocks. */
        public void publish(K key, V value) {
            pending.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            requestBatch();
        }

        private void drain() {
            if (pending.isEmpty()) {
                return;
            }
            Map<K, V> batch = new LinkedHashMap<>();
            for (K key : pending.keySet()) {
                V value = pending.remove(key);
                if (value != null) {
                    batch.put(key, value);
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                applier.accept(batch);
            } catch (RuntimeException e) {
                LOG.error("Applying a batch of {} values failed", batch.size(), e);
            }
        }
    }
}
