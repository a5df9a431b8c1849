package org.domus.ui.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.domus.model.Attribute;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.Floor;
import org.domus.model.House;
import org.domus.model.Room;
import org.domus.store.HouseRepository;

/**
 * The houses, floors, rooms, devices and attributes the store holds, as read at one moment. Immutable.
 *
 * @param byAddress every device by its address, built from {@code houses}: the live path asks for each reading
 *                  whether its device is known, and a scan of 10,000 devices per reading was the FX thread's
 *                  largest cost under load
 */
public record HomeStructure(List<HouseEntry> houses, Map<DeviceAddress, Device> byAddress) {

    /** The house the console opens on. */
    public static final String DEMO_HOUSE = "demo";

    public HomeStructure {
        houses = List.copyOf(houses);
        Map<DeviceAddress, Device> index = new HashMap<>();
        for (HouseEntry house : houses) {
            for (Device device : house.devices()) {
                index.putIfAbsent(device.address(), device);
            }
        }
        byAddress = Map.copyOf(index);
    }

    public HomeStructure(List<HouseEntry> houses) {
        this(houses, Map.of());
    }

    public static HomeStructure empty() {
        return new HomeStructure(List.of());
    }

    /**
     * One house with everything in it, each list sorted by name (floors by level).
     *
     * @param byRoom the devices of each room (by room id, in the order of {@code devices}), built from
     *               {@code devices}
     */
    public record HouseEntry(House house, List<Floor> floors, List<Room> rooms, List<Device> devices,
                             Map<Long, List<Attribute>> attributes, Map<Long, List<Device>> byRoom) {
        public HouseEntry {
            Objects.requireNonNull(house, "house");
            floors = List.copyOf(floors);
            rooms = List.copyOf(rooms);
            devices = List.copyOf(devices);
            attributes = Map.copyOf(attributes);
            Map<Long, List<Device>> grouped = new HashMap<>();
            for (Device device : devices) {
                if (device.roomId() != null) {
                    grouped.computeIfAbsent(device.roomId(), id -> new ArrayList<>()).add(device);
                }
            }
            Map<Long, List<Device>> copied = new HashMap<>();
            grouped.forEach((id, list) -> copied.put(id, List.copyOf(list)));
            byRoom = Map.copyOf(copied);
        }

        public HouseEntry(House house, List<Floor> floors, List<Room> rooms, List<Device> devices,
                          Map<Long, List<Attribute>> attributes) {
            this(house, floors, rooms, devices, attributes, Map.of());
        }

        public List<Attribute> attributesOf(Device device) {
            return attributes.getOrDefault(device.id(), List.of());
        }

        public List<Device> devicesIn(Room room) {
            return byRoom.getOrDefault(room.id(), List.of());
        }

        public List<Room> roomsOn(Floor floor) {
            return rooms.stream().filter(r -> Objects.equals(r.floorId(), floor.id())).toList();
        }

        /** Rooms not on any floor. */
        public List<Room> roomsWithoutFloor() {
            return rooms.stream().filter(r -> r.floorId() == null
                    || floors.stream().noneMatch(f -> f.id() == r.floorId())).toList();
        }

        public Optional<Room> room(long id) {
            return rooms.stream().filter(r -> r.id() == id).findFirst();
        }
    }

    /** Reads everything from the store; the demo house first, then by name. Call off the FX thread. */
    public static HomeStructure read(HouseRepository repository) {
        List<HouseEntry> entries = new ArrayList<>();
        for (House house : repository.listHouses()) {
            List<Device> devices = new ArrayList<>(repository.listDevices(house.id()));
            devices.sort(Comparator.comparing(Device::name, String.CASE_INSENSITIVE_ORDER));
            Map<Long, List<Attribute>> attributes = new HashMap<>();
            for (Device device : devices) {
                List<Attribute> list = new ArrayList<>(repository.listAttributes(device.id()));
                list.sort(Comparator.comparing(a -> a.path().attribute()));
                attributes.put(device.id(), list);
            }
            List<Room> rooms = new ArrayList<>(repository.listRooms(house.id()));
            rooms.sort(Comparator.comparing(Room::name, String.CASE_INSENSITIVE_ORDER));
            List<Floor> floors = new ArrayList<>(repository.listFloors(house.id()));
            floors.sort(Comparator.comparingInt(Floor::level));
            entries.add(new HouseEntry(house, floors, rooms, devices, attributes));
        }
        entries.sort(Comparator.comparing((HouseEntry h) -> !h.house().slug().equals(DEMO_HOUSE))
                .thenComparing(h -> h.house().name(), String.CASE_INSENSITIVE_ORDER));
        return new HomeStructure(entries);
    }

    public Optional<HouseEntry> house(String slug) {
        return houses.stream().filter(h -> h.house().slug().equals(slug)).findFirst();
    }

    public Optional<Device> device(DeviceAddress address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    public int deviceCount() {
        return houses.stream().mapToInt(h -> h.devices().size()).sum();
    }
}
