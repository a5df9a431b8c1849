package org.domus.ui.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.domus.model.AttributeKind;
import org.domus.model.Command;
import org.domus.model.CommandState;
import org.domus.model.SeriesPath;

/**
 * A command gateway for view tests: records what is sent and lets the test answer each command (confirm, fail)
 * as the command service would tell its listeners. The real service is exercised in the console's end-to-end
 * test.
 */
public final class TestGateway implements CommandGateway {

    /** One command sent. */
    public record Sent(SeriesPath series, String value, String traceId) {
    }

    private final List<Consumer<Command>> listeners = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Sent> byTrace = new ConcurrentHashMap<>();
    private volatile boolean autoConfirm;

    /** From now on every command is confirmed as soon as it is sent. */
    public TestGateway confirmingAll() {
        autoConfirm = true;
        return this;
    }

    @Override
    public String send(SeriesPath series, String value) {
        if (value.equals("refuse")) {
            throw new IllegalArgumentException("the value refuse does not fit " + series);
        }
        String trace = "trace-" + (sent.size() + 1);
        Sent command = new Sent(series, value, trace);
        sent.add(command);
        byTrace.put(trace, command);
        if (autoConfirm) {
            answer(trace, CommandState.CONFIRMED, "device reported " + value);
        }
        return trace;
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public Sent last() {
        return sent.getLast();
    }

    /** Tells the listeners that the command {@code traceId} is now {@code state} for {@code reason}. */
    public void answer(String traceId, CommandState state, String reason) {
        Sent command = byTrace.get(traceId);
        Instant now = Instant.now();
        Command changed = new Command(1, traceId, command.series(), command.value(), AttributeKind.TEXT, state,
                "console", now, now, null, null, 1, reason);
        listeners.forEach(listener -> listener.accept(changed));
    }

    @Override
    public void addListener(Consumer<Command> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<Command> listener) {
        listeners.remove(listener);
    }
}
