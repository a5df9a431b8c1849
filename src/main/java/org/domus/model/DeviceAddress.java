package org.domus.model;

/** A device as addressed in topics: house, the room named in its topic, and its own slug. */
public record DeviceAddress(String house, String room, String device) {

    public DeviceAddress {
        Slugs.require("house", house);
        Slugs.requireRoom(room);
        Slugs.require("device", device);
    }

    public SeriesPath attribute(String attribute) {
        return new SeriesPath(house, room, device, attribute);
    }

    @Override
    public String toString() {
        return house + "/" + room + "/" + device;
    }
}
