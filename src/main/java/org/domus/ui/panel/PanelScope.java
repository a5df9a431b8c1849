package org.domus.ui.panel;

import java.util.Objects;

/** What a panel shows: a whole house, one floor of it, or one room. */
public record PanelScope(String house, Long floorId, Long roomId) {
    public PanelScope {
        Objects.requireNonNull(house, "house");
    }

    public static PanelScope house(String house) {
        return new PanelScope(house, null, null);
    }

    public static PanelScope floor(String house, long floorId) {
        return new PanelScope(house, floorId, null);
    }

    public static PanelScope room(String house, long roomId) {
        return new PanelScope(house, null, roomId);
    }
}
