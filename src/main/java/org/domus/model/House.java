package org.domus.model;

import java.time.ZoneId;
import java.util.Objects;

public record House(long id, String slug, String name, ZoneId zone) {
    public House {
        Slugs.require("house", slug);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
    }
}
