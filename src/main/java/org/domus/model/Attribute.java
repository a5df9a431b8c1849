package org.domus.model;

import java.util.List;
import java.util.Objects;

/**
 * A named, typed series of a device. {@code id} is also the series id of its telemetry.
 * {@code min}/{@code max} bound numeric values when set; {@code choices} lists enum values.
 */
public record Attribute(long id, long deviceId, SeriesPath path, AttributeKind kind, String unit, boolean writable,
                        Double min, Double max, List<String> choices) {
    public Attribute {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        unit = unit == null ? "" : unit;
        choices = choices == null ? List.of() : List.copyOf(choices);
    }
}
