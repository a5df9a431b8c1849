package org.domus.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A device. {@code address} is how it appears in topics; {@code roomId} is the room it is placed in, null while
 * it waits in the house's "new devices" inbox after being discovered by ingest.
 */
public record Device(long id, long houseId, DeviceAddress address, Long roomId, String name, String kind,
                     Instant discoveredAt) {
    public Device {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    public boolean inInbox() {
        return roomId == null;
    }

    public Optional<Long> room() {
        return Optional.ofNullable(roomId);
    }
}
