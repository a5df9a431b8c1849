package org.domus.ui.houses;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.domus.ingest.LiveState;
import org.domus.ingest.LiveStateListener;
import org.domus.model.Attribute;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.House;
import org.domus.model.Reading;
import org.domus.model.Room;
import org.domus.model.SeriesPath;
import org.domus.store.HouseRepository;
import org.domus.ui.fx.FrameBridge;
import org.domus.ui.fx.Messages;
import org.domus.ui.houses.HouseTreeNode.AttributeNode;
import org.domus.ui.houses.HouseTreeNode.DeviceNode;
import org.domus.ui.houses.HouseTreeNode.GroupNode;
import org.domus.ui.houses.HouseTreeNode.HouseNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The houses the store holds, as a tree with live values (the console's "All devices" table).
 *
 * <p>Threads: the structure is read from the store on {@code background}; committed readings arrive on the
 * store writer's thread and reach the FX thread through the {@link FrameBridge}, coalesced per series. Every
 * property changes on the FX thread only (in tests, on the test thread with a synchronous bridge).
 */
public final class HousesViewModel implements AutoCloseable {

    /** The house the console opens on. */
    public static final String DEMO_HOUSE = "demo";

    private static final Logger LOG = LoggerFactory.getLogger(HousesViewModel.class);

    private final HouseRepository houses;
    private final Messages messages;
    private final LiveState liveState;
    private final Executor background;
    private final FrameBridge bridge;
    private final FrameBridge.Channel<SeriesPath, Reading> readings;
    private final LiveStateListener listener = this::committed;
    private final AtomicBoolean reloadRequested = new AtomicBoolean();

    // FX thread only.
    private final Map<SeriesPath, LiveValue> attributeValues = new HashMap<>();
    private final Map<DeviceAddress, LiveValue> deviceValues = new HashMap<>();
    private final Set<SeriesPath> unknownSeries = new HashSet<>();

    private final ReadOnlyObjectWrapper<List<HouseNode>> tree = new ReadOnlyObjectWrapper<>(this, "tree", List.of());
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    /**
     * @param background runs store reads (a worker thread; tests pass {@code Runnable::run})
     * @param bridge     onto the FX thread
     */
    public HousesViewModel(HouseRepository houses, LiveState liveState, Executor background, FrameBridge bridge,
                           Messages messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.houses = Objects.requireNonNull(houses, "houses");
        this.liveState = Objects.requireNonNull(liveState, "liveState");
        this.background = Objects.requireNonNull(background, "background");
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.readings = bridge.channel(this::applyReadings);
    }

    /** Loads the houses and follows the live state from now on. */
    public void start() {
        liveState.addListener(listener);
        requestReload();
    }

    /** Stops following the live state. */
    @Override
    public void close() {
        liveState.removeListener(listener);
    }

    /** The houses, sorted with the demo house first. Replaced as a whole when the structure changes. */
    public ReadOnlyObjectProperty<List<HouseNode>> treeProperty() {
        return tree.getReadOnlyProperty();
    }

    /** For example "2 houses · 7 devices · 3 new". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Empty, or one sentence saying why the houses could not be read. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The house to open on. */
    public String initialHouse() {
        return DEMO_HOUSE;
    }

    /** Reads the houses again, soon, off the FX thread. Any thread; requests made meanwhile are merged. */
    public void requestReload() {
        if (reloadRequested.compareAndSet(false, true)) {
            background.execute(this::reload);
        }
    }

    /** The live state listener: on the store writer's thread, once per committed batch. Returns at once. */
    void committed(List<Reading> committed, List<Device> discovered) {
        for (Reading reading : committed) {
            readings.publish(reading.series(), reading);
        }
        if (!discovered.isEmpty()) {
            bridge.execute(unknownSeries::clear);
            requestReload();
        }
    }

    /** FX thread: the latest reading of each series changed since the last batch. */
    void applyReadings(Map<SeriesPath, Reading> batch) {
        boolean structureMissing = false;
        for (Reading reading : batch.values()) {
            LiveValue value = attributeValues.get(reading.series());
            if (value == null) {
                // A series the tree does not show yet: read the structure again, once per such series.
                structureMissing |= unknownSeries.add(reading.series());
                continue;
            }
            apply(value, deviceValues.get(reading.series().deviceAddress()), reading);
        }
        if (structureMissing) {
            requestReload();
        }
    }

    private static void apply(LiveValue attribute, LiveValue device, Reading reading) {
        if (attribute.update(reading.text(), reading.timestamp()) && device != null) {
            device.update(null, reading.timestamp());
        }
    }

    /** Background: reads the structure and hands it to the FX thread. */
    private void reload() {
        reloadRequested.set(false);
        try {
            List<HouseData> data = readStructure();
            Map<SeriesPath, Reading> latest = liveState.snapshot();
            bridge.execute(() -> applyStructure(data, latest));
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the houses: {}", e.getMessage());
            LOG.debug("Reading the houses failed", e);
            String sentence = e.getMessage() == null ? e.toString() : e.getMessage();
            bridge.execute(() -> problem.set(messages.format("houses.cannot-read", sentence)));
        }
    }

    private record HouseData(House house, List<Room> rooms, List<Device> devices, Map<Long, List<Attribute>> attributes) {
    }

    private List<HouseData> readStructure() {
        List<HouseData> result = new ArrayList<>();
        for (House house : houses.listHouses()) {
            List<Device> devices = houses.listDevices(house.id());
            Map<Long, List<Attribute>> attributes = new HashMap<>();
            for (Device device : devices) {
                attributes.put(device.id(), houses.listAttributes(device.id()));
            }
            result.add(new HouseData(house, houses.listRooms(house.id()), devices, attributes));
        }
        return result;
    }

    /** FX thread. */
    private void applyStructure(List<HouseData> data, Map<SeriesPath, Reading> latest) {
        Map<SeriesPath, LiveValue> keptAttributes = new HashMap<>();
        Map<DeviceAddress, LiveValue> keptDevices = new HashMap<>();
        List<HouseNode> nodes = new ArrayList<>();
        int deviceCount = 0;
        int inboxCount = 0;
        for (HouseData house : data) {
            List<GroupNode> groups = new ArrayList<>();
            Map<Long, List<DeviceNode>> byRoom = new HashMap<>();
            List<DeviceNode> inbox = new ArrayList<>();
            List<Device> devices = new ArrayList<>(house.devices());
            devices.sort(Comparator.comparing(Device::name, String.CASE_INSENSITIVE_ORDER));
            for (Device device : devices) {
                LiveValue deviceValue = deviceValues.getOrDefault(device.address(), new LiveValue());
                keptDevices.put(device.address(), deviceValue);
                List<AttributeNode> attributeNodes = new ArrayList<>();
                List<Attribute> attributes = new ArrayList<>(house.attributes().getOrDefault(device.id(), List.of()));
                attributes.sort(Comparator.comparing(a -> a.path().attribute()));
                for (Attribute attribute : attributes) {
                    LiveValue value = attributeValues.getOrDefault(attribute.path(), new LiveValue());
                    keptAttributes.put(attribute.path(), value);
                    Reading reading = latest.get(attribute.path());
                    if (reading != null) {
                        apply(value, deviceValue, reading);
                    }
                    attributeNodes.add(new AttributeNode(attribute, value));
                }
                DeviceNode node = new DeviceNode(device, deviceValue, attributeNodes);
                deviceCount++;
                if (device.inInbox()) {
                    inbox.add(node);
                    inboxCount++;
                } else {
                    byRoom.computeIfAbsent(device.roomId(), id -> new ArrayList<>()).add(node);
                }
            }
            List<Room> rooms = new ArrayList<>(house.rooms());
            rooms.sort(Comparator.comparing(Room::name, String.CASE_INSENSITIVE_ORDER));
            for (Room room : rooms) {
                groups.add(new GroupNode("room:" + house.house().slug() + "/" + room.slug(), room.name(), false,
                        byRoom.getOrDefault(room.id(), List.of())));
            }
            if (!inbox.isEmpty()) {
                groups.add(new GroupNode("inbox:" + house.house().slug(), messages.text("houses.inbox"), true, inbox));
            }
            nodes.add(new HouseNode(house.house(), groups));
        }
        nodes.sort(Comparator.comparing((HouseNode h) -> !h.house().slug().equals(DEMO_HOUSE))
                .thenComparing(h -> h.house().name(), String.CASE_INSENSITIVE_ORDER));

        attributeValues.clear();
        attributeValues.putAll(keptAttributes);
        deviceValues.clear();
        deviceValues.putAll(keptDevices);
        problem.set("");
        summary.set(summarize(nodes.size(), deviceCount, inboxCount));
        tree.set(List.copyOf(nodes));
    }

    private String summarize(int houseCount, int deviceCount, int inboxCount) {
        return inboxCount == 0 ? messages.format("houses.summary", houseCount, deviceCount)
                : messages.format("houses.summary-inbox", houseCount, deviceCount, inboxCount);
    }
}
