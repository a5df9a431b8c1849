package org.domus.house;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.domus.model.Attribute;
import org.domus.model.Device;
import org.domus.model.Event;
import org.domus.model.Floor;
import org.domus.model.House;
import org.domus.model.InvalidModelException;
import org.domus.model.ModelChecks;
import org.domus.model.ModelProblem;
import org.domus.model.Reading;
import org.domus.model.Room;
import org.domus.store.Database;
import org.domus.store.DeletionImpact;
import org.domus.store.EventRepository;
import org.domus.store.HouseEditRepository;
import org.domus.store.HouseRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Editing the house model: what the console's editors and inbox call. Each edit is checked and refused with one
 * sentence ({@link InvalidModelException}), written to the store, recorded as an event ({@code model.…}), and
 * then told to the {@link ModelListener}s. Deletions say first what they would remove ({@code xxxImpact}); see
 * {@link HouseEditRepository} for what each keeps.
 *
 * <p>Every method blocks on the store: call it off the FX thread. Thread-safe.
 */
public final class HouseModelService {

    private static final Logger LOG = LoggerFactory.getLogger(HouseModelService.class);

    private final HouseRepository houses;
    private final HouseEditRepository edits;
    private final EventRepository events;
    private final Clock clock;
    private final List<ModelListener> listeners = new CopyOnWriteArrayList<>();

    /** The service on {@code store}; devices ingest discovers are told to the listeners too. */
    public static HouseModelService of(Database store, Clock clock) {
        HouseModelService service = new HouseModelService(store.houses(), store.houseEdits(), store.events(), clock);
        store.writer().addCommitListener(service::committed);
        return service;
    }

    public HouseModelService(HouseRepository houses, HouseEditRepository edits, EventRepository events, Clock clock) {
        this.houses = Objects.requireNonNull(houses, "houses");
        this.edits = Objects.requireNonNull(edits, "edits");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** On the store writer's thread: a device ingest discovered (in a house's inbox) changes that house. */
    private void committed(List<Reading> stored, List<Device> discovered) {
        if (discovered.isEmpty()) {
            return;
        }
        discovered.stream().mapToLong(Device::houseId).distinct().forEach(this::tell);
    }

    public void addListener(ModelListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(ModelListener listener) {
        listeners.remove(listener);
    }

    // ------------------------------------------------------------------ reading

    /** Every house, by name. */
    public List<HouseOutline> outlines() {
        List<HouseOutline> outlines = new ArrayList<>();
        for (House house : houses.listHouses()) {
            outlines.add(outline(house));
        }
        return outlines;
    }

    public Optional<HouseOutline> outline(long houseId) {
        return edits.findHouse(houseId).map(this::outline);
    }

    private HouseOutline outline(House house) {
        List<Device> devices = houses.listDevices(house.id());
        Map<Long, List<Attribute>> attributes = new HashMap<>();
        for (Device device : devices) {
            attributes.put(device.id(), houses.listAttributes(device.id()));
        }
        List<Device> byName = new ArrayList<>(devices);
        byName.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return new HouseOutline(house, houses.listFloors(house.id()), houses.listRooms(house.id()), byName, attributes);
    }

    /** A slug for a name, for a form to propose (see {@link ModelChecks#suggestSlug}). */
    public static String suggestSlug(String name) {
        return ModelChecks.suggestSlug(name);
    }

    /** The zone named {@code id} ({@code Europe/Madrid}, {@code UTC}); refused with one sentence otherwise. */
    public static ZoneId zone(String id) {
        String text = id == null ? "" : id.strip();
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new InvalidModelException(ModelProblem.ZONE_INVALID, "\"" + text + "\" is not a time zone (for"
                    + " example Europe/Madrid or UTC).", List.of(text));
        }
    }

    // ------------------------------------------------------------------ houses

    public House createHouse(String name, String slug, String zone) {
        House house = edits.createHouse(slug, name, zone(zone));
        changed(house.id(), "model.house.created", house.slug(), house.name());
        return house;
    }

    public House updateHouse(long houseId, String name, String zone) {
        House house = edits.updateHouse(houseId, name, zone(zone));
        changed(houseId, "model.house.changed", house.slug(), house.name() + ", " + house.zone().getId());
        return house;
    }

    public DeletionImpact houseImpact(long houseId) {
        return edits.houseImpact(houseId);
    }

    public DeletionImpact deleteHouse(long houseId) {
        String slug = edits.findHouse(houseId).map(House::slug).orElse("");
        DeletionImpact removed = edits.deleteHouse(houseId);
        changed(houseId, "model.house.deleted", slug, describe(removed));
        return removed;
    }

    // ------------------------------------------------------------------ floors

    public Floor createFloor(long houseId, String name, int level) {
        Floor floor = edits.createFloor(houseId, name, level);
        changed(houseId, "model.floor.created", houseSlug(houseId), floor.name());
        return floor;
    }

    public Floor updateFloor(long floorId, String name, int level) {
        Floor floor = edits.updateFloor(floorId, name, level);
        changed(floor.houseId(), "model.floor.changed", houseSlug(floor.houseId()), floor.name() + ", level " + level);
        return floor;
    }

    public DeletionImpact floorImpact(long floorId) {
        return edits.floorImpact(floorId);
    }

    public DeletionImpact deleteFloor(long floorId) {
        Floor floor = edits.findFloor(floorId).orElseThrow(() -> gone("floor", floorId));
        DeletionImpact removed = edits.deleteFloor(floorId);
        changed(floor.houseId(), "model.floor.deleted", houseSlug(floor.houseId()),
                floor.name() + "; " + removed.rooms() + " rooms left without a floor");
        return removed;
    }

    // ------------------------------------------------------------------ rooms

    public Room createRoom(long houseId, Long floorId, String name, String slug) {
        Room room = edits.createRoom(houseId, floorId, slug, name);
        changed(houseId, "model.room.created", houseSlug(houseId) + "/" + room.slug(), room.name());
        return room;
    }

    public Room renameRoom(long roomId, String name) {
        Room room = edits.renameRoom(roomId, name);
        changed(room.houseId(), "model.room.changed", houseSlug(room.houseId()) + "/" + room.slug(), room.name());
        return room;
    }

    public Room moveRoom(long roomId, Long floorId) {
        Room room = edits.moveRoom(roomId, floorId);
        changed(room.houseId(), "model.room.moved", houseSlug(room.houseId()) + "/" + room.slug(),
                floorId == null ? "no floor" : "floor " + floorId);
        return room;
    }

    public DeletionImpact roomImpact(long roomId) {
        return edits.roomImpact(roomId);
    }

    /** Deletes the room; its devices go to the room {@code devicesTo}, or back to the inbox when null. */
    public DeletionImpact deleteRoom(long roomId, Long devicesTo) {
        Room room = edits.findRoom(roomId).orElseThrow(() -> gone("room", roomId));
        DeletionImpact removed = edits.deleteRoom(roomId, devicesTo);
        changed(room.houseId(), "model.room.deleted", houseSlug(room.houseId()) + "/" + room.slug(),
                removed.devicesMoved() + " devices moved to " + (devicesTo == null ? "the inbox" : "room " + devicesTo));
        return removed;
    }

    // ------------------------------------------------------------------ devices

    /**
     * A device added by hand, placed in {@code roomId}; its topics are {@code domus/{house}/{room}/{slug}/…}
     * with the room's slug.
     */
    public Device createDevice(long roomId, String name, String slug, String kind) {
        Room room = edits.findRoom(roomId).orElseThrow(() -> gone("room", roomId));
        Device device = edits.createDevice(room.houseId(), roomId, room.slug(), slug, name, kind);
        changed(room.houseId(), "model.device.created", device.address().toString(), device.name());
        return device;
    }

    public Device renameDevice(long deviceId, String name) {
        Device device = edits.renameDevice(deviceId, name);
        changed(device.houseId(), "model.device.changed", device.address().toString(), device.name());
        return device;
    }

    /** Sets the device's name and kind ({@code ""}: not known). */
    public Device updateDevice(long deviceId, String name, String kind) {
        Device device = edits.updateDevice(deviceId, name, kind);
        changed(device.houseId(), "model.device.changed", device.address().toString(),
                device.name() + " (" + device.kind() + ")");
        return device;
    }

    /** Places the device in a room, or back in the inbox ({@code roomId} null); its topics stay the same. */
    public Device moveDevice(long deviceId, Long roomId) {
        Device device = edits.moveDevice(deviceId, roomId);
        changed(device.houseId(), "model.device.moved", device.address().toString(),
                roomId == null ? "to the inbox" : "to room " + roomId);
        return device;
    }

    public DeletionImpact deviceImpact(long deviceId) {
        return edits.deviceImpact(deviceId);
    }

    public DeletionImpact deleteDevice(long deviceId) {
        Device device = edits.findDevice(deviceId).orElseThrow(() -> gone("device", deviceId));
        DeletionImpact removed = edits.deleteDevice(deviceId);
        changed(device.houseId(), "model.device.deleted", device.address().toString(), describe(removed));
        return removed;
    }

    // ------------------------------------------------------------------ attributes

    /** Sets the attribute's display name ({@code ""}: its own) and unit ({@code null}: the device's). */
    public Attribute updateAttribute(long attributeId, String label, String unit) {
        Attribute attribute = edits.updateAttribute(attributeId, label, unit);
        Device device = edits.findDevice(attribute.deviceId()).orElseThrow(() -> gone("device", attribute.deviceId()));
        changed(device.houseId(), "model.attribute.changed", attribute.path().toString(),
                attribute.displayName() + " [" + attribute.unit() + "]");
        return attribute;
    }

    /** The unit the device declares for the attribute, whatever the user set. */
    public String declaredUnit(long attributeId) {
        return edits.declaredUnit(attributeId);
    }

    // ------------------------------------------------------------------ helpers

    private String houseSlug(long houseId) {
        return edits.findHouse(houseId).map(House::slug).orElse("");
    }

    private void changed(long houseId, String type, String subject, String detail) {
        LOG.info("{} {}: {}", type, subject, detail);
        events.append(new Event(0, clock.instant(), type, subject.contains("/") ? subject.substring(0, subject.indexOf('/'))
                : subject, subject, null, detail));
        tell(houseId);
    }

    private void tell(long houseId) {
        for (ModelListener listener : listeners) {
            try {
                listener.modelChanged(houseId);
            } catch (RuntimeException e) {
                LOG.warn("A model listener failed: {}", e.toString());
            }
        }
    }

    private static String describe(DeletionImpact removed) {
        return removed.devices() + " devices, " + removed.attributes() + " attributes and " + removed.readings()
                + " readings removed";
    }

    private static InvalidModelException gone(String what, long id) {
        return new InvalidModelException(ModelProblem.NOT_FOUND, "The " + what + " no longer exists (it may have"
                + " been deleted meanwhile).", List.of(what, Long.toString(id)));
    }
}
