package org.domus.house;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.domus.model.Attribute;
import org.domus.model.Device;
import org.domus.model.Floor;
import org.domus.model.House;
import org.domus.model.Room;

/**
 * One house as an editor shows it: floors by level, rooms and devices by name, each device's attributes.
 * Immutable.
 */
public record HouseOutline(House house, List<Floor> floors, List<Room> rooms, List<Device> devices,
                           Map<Long, List<Attribute>> attributes) {

    public HouseOutline {
        Objects.requireNonNull(house, "house");
        floors = List.copyOf(floors);
        rooms = List.copyOf(rooms);
        devices = List.copyOf(devices);
        attributes = Map.copyOf(attributes);
    }

    /** The devices waiting in the inbox (discovered, not placed), by name. */
    public List<Device> inbox() {
        return devices.stream().filter(Device::inInbox).toList();
    }

    public List<Device> devicesIn(long roomId) {
        return devices.stream().filter(d -> d.roomId() != null && d.roomId() == roomId).toList();
    }

    public List<Room> roomsOn(Long floorId) {
        return rooms.stream().filter(r -> Objects.equals(r.floorId(), floorId)).toList();
    }

    public List<Attribute> attributesOf(long deviceId) {
        return attributes.getOrDefault(deviceId, List.of());
    }

    public Optional<Room> room(long roomId) {
        return rooms.stream().filter(r -> r.id() == roomId).findFirst();
    }
}
