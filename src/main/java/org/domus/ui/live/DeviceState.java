package org.domus.ui.live;

import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.domus.model.DeviceAddress;
import org.domus.model.Reading;

/**
 * A device's live condition: online or offline (its retained {@code status}), in alarm (a smoke, leak or alarm
 * attribute reporting true), and when it was last heard of. FX thread only.
 */
public final class DeviceState {

    /** Attributes whose true value (true, 1, ON, detected) is an alarm. */
    static final Set<String> ALARM_ATTRIBUTES = Set.of("smoke", "leak", "alarm", "tamper", "water", "gas");
    static final String STATUS = "status";

    private final DeviceAddress address;
    private final ReadOnlyObjectWrapper<Boolean> online = new ReadOnlyObjectWrapper<>(this, "online");
    private final ReadOnlyBooleanWrapper alarm = new ReadOnlyBooleanWrapper(this, "alarm");
    private final ReadOnlyObjectWrapper<Instant> lastSeen = new ReadOnlyObjectWrapper<>(this, "lastSeen");
    private final Set<String> alarming = new HashSet<>();

    DeviceState(DeviceAddress address) {
        this.address = Objects.requireNonNull(address, "address");
    }

    public DeviceAddress address() {
        return address;
    }

    /** True online, false offline, null while unknown (no status seen since the console started). */
    public ReadOnlyObjectProperty<Boolean> onlineProperty() {
        return online.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty alarmProperty() {
        return alarm.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> lastSeenProperty() {
        return lastSeen.getReadOnlyProperty();
    }

    public boolean isAlarm() {
        return alarm.get();
    }

    public Boolean isOnline() {
        return online.get();
    }

    /** A reading of one of the device's series, already taken by its {@link SeriesState}. FX thread. */
    void apply(Reading reading) {
        Instant seen = lastSeen.get();
        if (seen == null || reading.timestamp().isAfter(seen)) {
            lastSeen.set(reading.timestamp());
        }
        String attribute = reading.series().attribute();
        if (STATUS.equals(attribute)) {
            online.set(!reading.text().strip().equalsIgnoreCase("offline"));
        } else if (ALARM_ATTRIBUTES.contains(attribute)) {
            if (isTrue(reading.text())) {
                alarming.add(attribute);
            } else {
                alarming.remove(attribute);
            }
            alarm.set(!alarming.isEmpty());
        }
    }

    static boolean isTrue(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "on", "yes", "detected", "wet", "alarm" -> true;
            default -> false;
        };
    }
}
