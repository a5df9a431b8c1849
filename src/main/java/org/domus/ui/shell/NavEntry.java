package org.domus.ui.shell;

import java.util.List;
import java.util.Objects;
import org.domus.model.DeviceAddress;

/** One row of the side bar's houses tree: a house, a floor or a room, with the devices under it. */
public record NavEntry(Level level, String viewId, String name, List<DeviceAddress> devices, List<NavEntry> children) {

    public enum Level { HOUSE, FLOOR, ROOM }

    public NavEntry {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(viewId, "viewId");
        Objects.requireNonNull(name, "name");
        devices = List.copyOf(devices);
        children = List.copyOf(children);
    }

    public int deviceCount() {
        return devices.size();
    }

    NavEntry withChildren(List<NavEntry> kept) {
        return new NavEntry(level, viewId, name, devices, kept);
    }
}
