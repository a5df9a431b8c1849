package org.domus.ui;

/** How the console window ended. */
public sealed interface ConsoleResult {

    /** The user closed the window. */
    record Closed() implements ConsoleResult {
    }

    /** The console could not run; {@code message} is one sentence. */
    record Failed(String message) implements ConsoleResult {
    }

    /** The store was corrupt and the user chose to quit rather than move it aside. */
    record LeftCorruptStore(String problem) implements ConsoleResult {
    }
}
