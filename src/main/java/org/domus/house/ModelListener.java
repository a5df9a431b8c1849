package org.domus.house;

/**
 * Told after an edit of the house model committed (on the thread that made the edit), or after ingest discovered a
 * device (on the store writer's thread, which it must not wait for: no store writes). Must be quick.
 */
@FunctionalInterface
public interface ModelListener {

    /** Something in house {@code houseId} was created, changed or deleted (the house itself, perhaps). */
    void modelChanged(long houseId);
}
