package org.domus.command;

import org.domus.model.Command;

/**
 * Told of every change of a command's state. Called on the store's writer thread (where the command service keeps
 * its state): it must be quick, must not block and must not wait for the store; hand anything slow to an executor.
 */
@FunctionalInterface
public interface CommandListener {
    void commandChanged(Command command);
}
