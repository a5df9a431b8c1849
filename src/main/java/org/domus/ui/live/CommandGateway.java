package org.domus.ui.live;

import java.util.function.Consumer;
import org.domus.model.Command;
import org.domus.model.SeriesPath;

/**
 * How the console sends commands: the command service in the application ({@link #of}); tests may give a
 * device of their own. Listeners are told of every command change on the gateway's thread and must not block.
 */
public interface CommandGateway {

    /**
     * Sends {@code series := value} and returns its trace id at once.
     *
     * @throws IllegalArgumentException with one line when the value does not fit the attribute (nothing sent)
     */
    String send(SeriesPath series, String value);

    void addListener(Consumer<Command> listener);

    void removeListener(Consumer<Command> listener);

    /** The console's command service, sending as {@code console}. */
    static CommandGateway of(org.domus.command.CommandService service) {
        return new CommandServiceGateway(service);
    }
}
