package org.domus.ui;

import java.util.function.Supplier;

/** What the console window is given to start with. */
public sealed interface ConsoleStart {

    /** The core is running: show it. */
    record Ready(ConsoleSession session) implements ConsoleStart {
    }

    /**
     * The store is corrupt: the window says so ({@code problem}, one sentence) and offers to move it aside and
     * start fresh ({@code moveAsideAndStart}, called off the FX thread; it throws with one sentence if it fails)
     * or to quit.
     */
    record CorruptStore(String problem, Supplier<ConsoleSession> moveAsideAndStart) implements ConsoleStart {
    }

    /** The core could not start: the window says so ({@code problem}, one sentence) and closes. */
    record Failed(String problem) implements ConsoleStart {
        public Failed {
            java.util.Objects.requireNonNull(problem, "problem");
        }
    }
}
