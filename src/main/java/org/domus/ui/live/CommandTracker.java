package org.domus.ui.live;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.domus.model.Command;
import org.domus.model.CommandState;
import org.domus.model.SeriesPath;
import org.domus.ui.fx.FrameBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's commands and where each stands, per attribute: a control binds to {@link #status} and shows
 * pending → confirmed / failed / timed out with the reason and trace id. Only commands this console sent are
 * followed. Command changes arrive on the store writer's thread (where the command service keeps its state) and
 * reach the FX thread through the bridge.
 */
public final class CommandTracker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandTracker.class);

    private final CommandGateway gateway;
    private final FrameBridge bridge;
    private final Consumer<Command> listener = this::changed;
    /** Trace ids this console sent; read on the service's thread. */
    private final Set<String> ours = ConcurrentHashMap.newKeySet();
    // FX thread only.
    private final Map<SeriesPath, ReadOnlyObjectWrapper<CommandStatus>> statuses = new HashMap<>();
    private final Map<String, Command> early = new HashMap<>();
    private final Set<String> finished = new HashSet<>();

    public CommandTracker(CommandGateway gateway, FrameBridge bridge) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        gateway.addListener(listener);
    }

    /** The latest command to {@code series} sent from this console; null until one is. FX thread. */
    public ReadOnlyObjectProperty<CommandStatus> status(SeriesPath series) {
        return wrapper(series).getReadOnlyProperty();
    }

    /**
     * Sends {@code series := value}. The status is pending at once, or failed with the reason when the value
     * was refused before sending. FX thread.
     */
    public void send(SeriesPath series, String value) {
        ReadOnlyObjectWrapper<CommandStatus> status = wrapper(series);
        String traceId;
        try {
            traceId = gateway.send(series, value);
        } catch (IllegalArgumentException e) {
            LOG.debug("Command {} := {} refused: {}", series, value, e.getMessage());
            status.set(new CommandStatus(CommandState.FAILED, value, e.getMessage(), ""));
            return;
        }
        ours.add(traceId);
        status.set(new CommandStatus(CommandState.PENDING, value, "", traceId));
        Command already = early.remove(traceId);
        if (already != null) {
            apply(already);
        }
    }

    @Override
    public void close() {
        gateway.removeListener(listener);
    }

    /** On the store writer's thread (the command service's); only queues for the bridge. */
    private void changed(Command command) {
        bridge.execute(() -> apply(command));
    }

    /** FX thread. */
    private void apply(Command command) {
        if (!ours.contains(command.traceId())) {
            // A change may arrive before send() returned its trace id; keep the last few.
            if (early.size() > 100) {
                early.clear();
            }
            early.put(command.traceId(), command);
            return;
        }
        if (finished.contains(command.traceId())) {
            return;
        }
        ReadOnlyObjectWrapper<CommandStatus> status = wrapper(command.series());
        CommandStatus current = status.get();
        if (current != null && !current.traceId().equals(command.traceId())) {
            // An older command of ours to the same attribute: the control shows the newest one.
            return;
        }
        status.set(new CommandStatus(command.state(), command.value(), command.reason(), command.traceId()));
        if (command.state().isFinal()) {
            if (finished.size() > 10_000) {
                finished.clear();
            }
            finished.add(command.traceId());
            ours.remove(command.traceId());
        }
    }

    private ReadOnlyObjectWrapper<CommandStatus> wrapper(SeriesPath series) {
        return statuses.computeIfAbsent(Objects.requireNonNull(series, "series"),
                s -> new ReadOnlyObjectWrapper<>(this, "status"));
    }
}
