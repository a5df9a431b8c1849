package org.domus.ui.live;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.domus.command.CommandListener;
import org.domus.command.CommandService;
import org.domus.command.InvalidCommandException;
import org.domus.command.SendOptions;
import org.domus.model.Command;
import org.domus.model.SeriesPath;

/** The command service as the console's {@link CommandGateway}. */
final class CommandServiceGateway implements CommandGateway {

    private static final SendOptions CONSOLE = SendOptions.from("console");

    private final CommandService service;
    private final Map<Consumer<Command>, CommandListener> listeners = new ConcurrentHashMap<>();

    CommandServiceGateway(CommandService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public String send(SeriesPath series, String value) {
        try {
            return service.send(series, value, CONSOLE).traceId();
        } catch (InvalidCommandException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public void addListener(Consumer<Command> listener) {
        CommandListener adapter = listener::accept;
        listeners.put(listener, adapter);
        service.addListener(adapter);
    }

    @Override
    public void removeListener(Consumer<Command> listener) {
        CommandListener adapter = listeners.remove(listener);
        if (adapter != null) {
            service.removeListener(adapter);
        }
    }
}
