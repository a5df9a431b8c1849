package org.domus.model;

import java.util.Objects;

public record Floor(long id, long houseId, String name, int level) {
    public Floor {
        Objects.requireNonNull(name, "name");
    }
}
