package org.domus.model;

/**
 * A device as addressed in topics: house, the room named in its topic, and its own slug. A vendor device's room is
 * {@link Slugs#VENDOR_ROOM} ({@code raw}): see {@link #vendor}.
 */
public record DeviceAddress(String house, String room, String device) {

    public DeviceAddress {
        Slugs.require("house", house);
        Slugs.requireTopicRoom(room);
        Slugs.require("device", device);
    }

    /** The address of a vendor device of {@code house}: {@code house/raw/device}. */
    public static DeviceAddress vendor(String house, String device) {
        return new DeviceAddress(house, Slugs.VENDOR_ROOM, device);
    }

    /** True for a device that speaks a vendor's convention rather than Domus's topics. */
    public boolean isVendor() {
        return Slugs.VENDOR_ROOM.equals(room);
    }

    public SeriesPath attribute(String attribute) {
        return new SeriesPath(house, room, device, attribute);
    }

    @Override
    public String toString() {
        return house + "/" + room + "/" + device;
    }
}
