package org.domus.model;

/**
 * One attribute's series as named in topics and on the command line: {@code house/room/device/attribute}.
 * The room is the room named in the device's topic, which stays the device's address even after it is
 * placed in another room. A vendor device's series has the room {@code raw} ({@link Slugs#VENDOR_ROOM}); its
 * commands take the vendor's own topics, not {@link #topic()}.
 */
public record SeriesPath(String house, String room, String device, String attribute) {

    public SeriesPath {
        Slugs.require("house", house);
        Slugs.requireTopicRoom(room);
        Slugs.require("device", device);
        Slugs.require("attribute", attribute);
    }

    /** Parses {@code house/room/device/attribute}; throws with a one-line reason. */
    public static SeriesPath parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("series is empty");
        }
        String[] parts = text.split("/", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("series \"" + text + "\" must be house/room/device/attribute");
        }
        return new SeriesPath(parts[0], parts[1], parts[2], parts[3]);
    }

    public DeviceAddress deviceAddress() {
        return new DeviceAddress(house, room, device);
    }

    /** The state topic: {@code domus/house/room/device/attribute}. */
    public String topic() {
        return "domus/" + house + "/" + room + "/" + device + "/" + attribute;
    }

    @Override
    public String toString() {
        return house + "/" + room + "/" + device + "/" + attribute;
    }
}
