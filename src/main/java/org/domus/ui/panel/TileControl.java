package org.domus.ui.panel;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.domus.model.Attribute;
import org.domus.model.AttributeKind;

/** The control a device tile shows inline, for one writable attribute. */
public sealed interface TileControl {

    Attribute attribute();

    /** On/off: a light's or a plug's power. */
    record Toggle(Attribute attribute, String onValue, String offValue) implements TileControl {
        public Toggle {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(onValue, "onValue");
            Objects.requireNonNull(offValue, "offValue");
        }

        /** Whether {@code text} (as the device reports it) means on. */
        public boolean isOn(String text) {
            return text != null && text.strip().equalsIgnoreCase(onValue);
        }
    }

    /** A level between bounds: a dimmer's brightness, a blind's position. */
    record Level(Attribute attribute, double min, double max) implements TileControl {
        public Level {
            Objects.requireNonNull(attribute, "attribute");
        }
    }

    /** A target value stepped up and down: a thermostat's setpoint. */
    record Setpoint(Attribute attribute, double min, double max, double step) implements TileControl {
        public Setpoint {
            Objects.requireNonNull(attribute, "attribute");
        }

        public double clamp(double value) {
            return Math.max(min, Math.min(max, value));
        }
    }

    /** The inline controls for a device's attributes: a setpoint, a power toggle, a level; at most two. */
    static List<TileControl> choose(List<Attribute> attributes) {
        java.util.ArrayList<TileControl> controls = new java.util.ArrayList<>();
        named(attributes, "setpoint").filter(a -> a.kind() == AttributeKind.NUMERIC)
                .ifPresent(a -> controls.add(new Setpoint(a, bound(a.min(), 5), bound(a.max(), 30), 0.5)));
        named(attributes, "power").flatMap(TileControl::toggle).ifPresent(controls::add);
        for (String level : List.of("brightness", "position")) {
            named(attributes, level).filter(a -> a.kind() == AttributeKind.NUMERIC)
                    .ifPresent(a -> controls.add(new Level(a, bound(a.min(), 0), bound(a.max(), 100))));
        }
        return List.copyOf(controls.subList(0, Math.min(2, controls.size())));
    }

    private static java.util.Optional<Attribute> named(List<Attribute> attributes, String name) {
        return attributes.stream().filter(a -> a.writable() && a.path().attribute().equals(name)).findFirst();
    }

    private static java.util.Optional<TileControl> toggle(Attribute attribute) {
        if (attribute.kind() == AttributeKind.BOOLEAN) {
            return java.util.Optional.of(new Toggle(attribute, "true", "false"));
        }
        if (attribute.kind() == AttributeKind.ENUM) {
            String on = find(attribute.choices(), "on");
            String off = find(attribute.choices(), "off");
            if (on != null && off != null) {
                return java.util.Optional.of(new Toggle(attribute, on, off));
            }
        }
        return java.util.Optional.empty();
    }

    private static String find(List<String> choices, String wanted) {
        return choices.stream().filter(c -> c.toLowerCase(Locale.ROOT).equals(wanted)).findFirst().orElse(null);
    }

    private static double bound(Double value, double otherwise) {
        return value == null ? otherwise : value;
    }
}
