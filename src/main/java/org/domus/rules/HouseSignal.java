package org.domus.rules;

import java.util.Objects;
import org.domus.model.Slugs;

/**
 * A fact about a house as a whole, fed to the rule engine by whoever sees it.
 *
 * @param value for {@link Kind#HUB_OFFLINE} 1 when offline and 0 when online; for {@link Kind#BAD_PAYLOADS}
 *              the refused payloads per minute
 */
public record HouseSignal(String house, Kind kind, double value, String detail) {

    public enum Kind {
        HUB_OFFLINE, BAD_PAYLOADS
    }

    public HouseSignal {
        Slugs.require("house", house);
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }
}
