package org.domus.command;

import org.domus.model.Command;

/** Told of every change of a command's state; called on the command service's thread, must not block. */
@FunctionalInterface
public interface CommandListener {
    void commandChanged(Command command);
}
