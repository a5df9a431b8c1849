package org.domus.ingest;

import java.time.Instant;
import java.util.Objects;
import org.domus.model.Slugs;

/**
 * What the console knows of a house's hub, from its traffic since the console started.
 *
 * @param lastSeen   when the hub last sent anything (null: not since the console started)
 * @param reconnects how often its bridge came back online after the console had seen it
 */
public record HubStatus(String house, State state, Instant lastSeen, long reconnects) {

    public enum State { UNKNOWN, ONLINE, OFFLINE }

    public HubStatus {
        Slugs.require("house", house);
        Objects.requireNonNull(state, "state");
        if (reconnects < 0) {
            throw new IllegalArgumentException("reconnects cannot be negative");
        }
    }

    public static HubStatus unknown(String house) {
        return new HubStatus(house, State.UNKNOWN, null, 0);
    }

    public boolean online() {
        return state == State.ONLINE;
    }
}
