package org.domus.ui.houses;

import java.time.Instant;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The latest value of an attribute (or, for a device, the latest of its attributes' times), as the view shows
 * it. Changed by the view-model only, on the FX thread; never goes back in time.
 */
public final class LiveValue {

    private final ReadOnlyStringWrapper value = new ReadOnlyStringWrapper(this, "value", "");
    private final ReadOnlyObjectWrapper<Instant> lastSeen = new ReadOnlyObjectWrapper<>(this, "lastSeen");

    public ReadOnlyStringProperty valueProperty() {
        return value.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> lastSeenProperty() {
        return lastSeen.getReadOnlyProperty();
    }

    public String getValue() {
        return value.get();
    }

    public Instant getLastSeen() {
        return lastSeen.get();
    }

    /** Takes {@code text} at {@code timestamp} unless a newer value is already shown. Returns whether it did. */
    boolean update(String text, Instant timestamp) {
        Instant current = lastSeen.get();
        if (current != null && timestamp.isBefore(current)) {
            return false;
        }
        lastSeen.set(timestamp);
        if (text != null) {
            value.set(text);
        }
        return true;
    }
}
