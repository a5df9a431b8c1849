package org.domus.store;

import java.util.List;

import org.domus.model.Device;
import org.domus.model.Reading;

/** Told once per committed batch, on the writer thread; must be quick. */
@FunctionalInterface
public interface CommitListener {
    void onCommitted(List<Reading> stored, List<Device> discovered);

    /**
     * Told, on the writer thread, of the readings a batch has written, just before it commits (only when it wrote
     * some). Writes queued here through the repositories join that transaction, so they are committed with the
     * readings or not at all; if the commit fails, {@link #onCommitted} is not called for the batch. For a record
     * that must be stored together with the readings that caused it (a command confirmed by its answer).
     */
    default void beforeCommit(List<Reading> stored) {
    }
}
