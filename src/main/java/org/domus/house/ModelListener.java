package org.domus.house;

/** Told after an edit of the house model committed, on the thread that made the edit; must be quick. */
@FunctionalInterface
public interface ModelListener {

    /** Something in house {@code houseId} was created, changed or deleted (the house itself, perhaps). */
    void modelChanged(long houseId);
}
