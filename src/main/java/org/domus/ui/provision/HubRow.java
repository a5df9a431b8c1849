package org.domus.ui.provision;

import java.util.Objects;
import org.domus.ingest.HubStatus;

/** One line of the hub status table, its texts ready to show. */
public record HubRow(String house, HubStatus.State state, String stateText, String lastSeen, String reconnects) {

    public HubRow {
        Objects.requireNonNull(house, "house");
        Objects.requireNonNull(state, "state");
    }
}
