package org.domus.model;

import java.util.Objects;
import java.util.Optional;

/** A room of a house; {@code floorId} is null when the house has no floors defined. */
public record Room(long id, long houseId, Long floorId, String slug, String name) {
    public Room {
        Slugs.requireRoom(slug);
        Objects.requireNonNull(name, "name");
    }

    public Optional<Long> floor() {
        return Optional.ofNullable(floorId);
    }
}
