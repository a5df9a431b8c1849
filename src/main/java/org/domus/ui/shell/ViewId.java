package org.domus.ui.shell;

import java.util.Optional;
import org.domus.model.DeviceAddress;

/**
 * The names of views, as the navigation and the remembered settings use them: {@code house:demo},
 * {@code floor:demo:3}, {@code room:demo:12}, {@code device:demo/living-room/thermostat}, {@code screen:simulators}.
 */
public sealed interface ViewId {

    String text();

    record House(String house) implements ViewId {
        @Override
        public String text() {
            return "house:" + house;
        }
    }

    record Floor(String house, long floorId) implements ViewId {
        @Override
        public String text() {
            return "floor:" + house + ":" + floorId;
        }
    }

    record Room(String house, long roomId) implements ViewId {
        @Override
        public String text() {
            return "room:" + house + ":" + roomId;
        }
    }

    record Device(DeviceAddress address) implements ViewId {
        @Override
        public String text() {
            return "device:" + address;
        }
    }

    record Screen(String id) implements ViewId {
        @Override
        public String text() {
            return "screen:" + id;
        }
    }

    /** Parses a view name; empty for anything it does not recognise (an old or damaged setting). */
    static Optional<ViewId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split(":", -1);
        try {
            return switch (parts[0]) {
                case "house" -> parts.length == 2 ? Optional.of(new House(parts[1])) : Optional.empty();
                case "floor" -> parts.length == 3 ? Optional.of(new Floor(parts[1], Long.parseLong(parts[2])))
                        : Optional.empty();
                case "room" -> parts.length == 3 ? Optional.of(new Room(parts[1], Long.parseLong(parts[2])))
                        : Optional.empty();
                case "device" -> parts.length == 2 ? Optional.of(new Device(device(parts[1]))) : Optional.empty();
                case "screen" -> parts.length == 2 && !parts[1].isEmpty() ? Optional.of(new Screen(parts[1]))
                        : Optional.empty();
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static DeviceAddress device(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a device address: " + text);
        }
        return new DeviceAddress(parts[0], parts[1], parts[2]);
    }
}
