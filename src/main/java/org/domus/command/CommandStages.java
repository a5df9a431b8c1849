package org.domus.command;

/**
 * Optional timestamps of the stages a command passes, for the benchmark's breakdown ({@code bench commands
 * --breakdown}). {@link #reached} is called with {@link System#nanoTime()} on the thread where the stage happens
 * (the store's writer, mostly); it must be quick and must not block. Off unless set: {@link #NONE} costs nothing.
 */
@FunctionalInterface
public interface CommandStages {

    CommandStages NONE = (traceId, stage, nanos) -> {
    };

    /** The stages of one command, in the order they happen. */
    enum Stage {
        /** The command service took the command from {@code send} (on its own thread). */
        TAKEN,
        /** The outbox row is committed. */
        OUTBOX_COMMITTED,
        /** The {@code …/set} message was handed to the broker. */
        HANDED_TO_BROKER,
        /** The device's answer is committed to the history and seen by the command service. */
        ANSWER_COMMITTED,
        /** The command is confirmed; its outcome completes next. */
        CONFIRMED
    }

    void reached(String traceId, Stage stage, long nanos);
}
