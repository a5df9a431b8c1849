package org.domus.model;

import java.util.List;
import java.util.Objects;

/**
 * A named, typed series of a device. {@code id} is also the series id of its telemetry.
 * {@code min}/{@code max} bound numeric values when set; {@code choices} lists enum values. {@code unit} is the
 * unit shown (the user's if they set one, else the device's); {@code label} is the display name the user gave,
 * empty for none (see {@link #displayName()}).
 */
public record Attribute(long id, long deviceId, SeriesPath path, AttributeKind kind, String unit, boolean writable,
                        Double min, Double max, List<String> choices, String label) {
    public Attribute {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        unit = unit == null ? "" : unit;
        choices = choices == null ? List.of() : List.copyOf(choices);
        label = label == null ? "" : label;
    }

    /** An attribute with no display name of its own. */
    public Attribute(long id, long deviceId, SeriesPath path, AttributeKind kind, String unit, boolean writable,
                     Double min, Double max, List<String> choices) {
        this(id, deviceId, path, kind, unit, writable, min, max, choices, "");
    }

    /** The label if the user gave one, else the attribute's own name. */
    public String displayName() {
        return label.isEmpty() ? path.attribute() : label;
    }
}
