package org.domus.ui.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableIntegerValue;
import javafx.beans.value.ObservableValue;
import org.domus.broker.BrokerMetrics;
import org.domus.broker.BrokerStatus;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.Floor;
import org.domus.model.Room;
import org.domus.sim.SimulatorStatus;
import org.domus.ui.fx.Messages;
import org.domus.ui.live.DeviceState;
import org.domus.ui.live.HomeLive;
import org.domus.ui.live.HomeStructure;
import org.domus.ui.simulator.SimulatorControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell's state: the side bar's houses → floors → rooms (filtered by the search field), the status bar
 * (broker, clients, msg/s, simulators, unread notifications) and the current view. FX thread; no toolkit needed.
 */
public final class ShellViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ShellViewModel.class);

    private final HomeLive home;
    private final BrokerStatus broker;
    private final SimulatorControl simulator;
    private final Messages messages;
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ReadOnlyObjectWrapper<List<NavEntry>> navigation = new ReadOnlyObjectWrapper<>(this, "navigation",
            List.of());
    private final ReadOnlyStringWrapper brokerText = new ReadOnlyStringWrapper(this, "broker", "");
    private final ReadOnlyBooleanWrapper brokerUp = new ReadOnlyBooleanWrapper(this, "brokerUp");
    private final ReadOnlyStringWrapper clientsText = new ReadOnlyStringWrapper(this, "clients", "");
    private final ReadOnlyStringWrapper rateText = new ReadOnlyStringWrapper(this, "rate", "");
    private final ReadOnlyStringWrapper simulatorText = new ReadOnlyStringWrapper(this, "simulator", "");
    private final ReadOnlyIntegerWrapper notifications = new ReadOnlyIntegerWrapper(this, "notifications");
    private final ReadOnlyBooleanWrapper notificationsKnown = new ReadOnlyBooleanWrapper(this, "notificationsKnown");
    private final ReadOnlyStringWrapper currentView = new ReadOnlyStringWrapper(this, "currentView", "");

    public ShellViewModel(HomeLive home, BrokerStatus broker, SimulatorControl simulator, Messages messages) {
        this.home = Objects.requireNonNull(home, "home");
        this.broker = Objects.requireNonNull(broker, "broker");
        this.simulator = Objects.requireNonNull(simulator, "simulator");
        this.messages = Objects.requireNonNull(messages, "messages");
        home.structureProperty().addListener((o, old, now) -> rebuild());
        search.addListener((o, old, now) -> rebuild());
        rebuild();
        refreshStatus();
    }

    /** What the search field holds: the tree keeps houses, floors and rooms whose name (or a device's) matches. */
    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyObjectProperty<List<NavEntry>> navigationProperty() {
        return navigation.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty brokerProperty() {
        return brokerText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty brokerUpProperty() {
        return brokerUp.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty clientsProperty() {
        return clientsText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateProperty() {
        return rateText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty simulatorProperty() {
        return simulatorText.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty notificationsProperty() {
        return notifications.getReadOnlyProperty();
    }

    /** False until a notifications source is set: the status bar then hides the count. */
    public ReadOnlyBooleanProperty notificationsKnownProperty() {
        return notificationsKnown.getReadOnlyProperty();
    }

    /**
     * The hook for the notifications feature: the count of unread notifications, changed on the FX thread. The
     * status bar shows it from then on.
     */
    public void setUnreadNotifications(ObservableIntegerValue unread) {
        notifications.unbind();
        if (unread == null) {
            notifications.set(0);
            notificationsKnown.set(false);
            return;
        }
        notifications.bind(unread);
        notificationsKnown.set(true);
    }

    public ReadOnlyStringProperty currentViewProperty() {
        return currentView.getReadOnlyProperty();
    }

    void setCurrentView(String viewId) {
        currentView.set(viewId);
    }

    /** How many devices among {@code devices} are in alarm, live. */
    public IntegerBinding alarmCount(List<DeviceAddress> devices) {
        List<DeviceState> states = devices.stream().map(home::device).toList();
        ObservableValue<?>[] dependencies = states.stream().map(DeviceState::alarmProperty)
                .toArray(ObservableValue[]::new);
        return Bindings.createIntegerBinding(() -> (int) states.stream().filter(DeviceState::isAlarm).count(),
                dependencies);
    }

    /** The view to open with: {@code remembered} if it still exists, else the first house. */
    public Optional<String> initialView(String remembered) {
        Optional<ViewId> parsed = ViewId.parse(remembered);
        if (parsed.isPresent() && exists(parsed.get())) {
            return Optional.of(remembered);
        }
        return home.structure().houses().stream().findFirst()
                .map(h -> new ViewId.House(h.house().slug()).text());
    }

    /** Whether {@code view} names something the store (or the screen list) still has. */
    boolean exists(ViewId view) {
        HomeStructure structure = home.structure();
        return switch (view) {
            case ViewId.House house -> structure.house(house.house()).isPresent();
            case ViewId.Floor floor -> structure.house(floor.house())
                    .map(h -> h.floors().stream().anyMatch(f -> f.id() == floor.floorId())).orElse(false);
            case ViewId.Room room -> structure.house(room.house()).flatMap(h -> h.room(room.roomId())).isPresent();
            case ViewId.Device device -> structure.device(device.address()).isPresent();
            case ViewId.Screen screen -> true;
        };
    }

    /** Reads the broker's and the simulators' counters into the status bar. FX thread; cheap. */
    public void refreshStatus() {
        try {
            BrokerMetrics metrics = broker.metrics();
            brokerText.set(messages.format("status.broker", broker.host() + ":" + broker.port()));
            brokerUp.set(true);
            clientsText.set(messages.format("status.clients", metrics.connectedClients()));
            rateText.set(messages.format("status.rate", String.format(messages.locale(), "%.1f",
                    metrics.messagesInPerSecond())));
        } catch (RuntimeException e) {
            LOG.debug("Broker metrics unavailable", e);
            brokerText.set(messages.text("status.broker-down"));
            brokerUp.set(false);
        }
        try {
            Optional<SimulatorStatus> status = simulator.status();
            simulatorText.set(status.filter(SimulatorStatus::running)
                    .map(s -> messages.format("status.simulator-running", s.connected(), s.devices()))
                    .orElse(messages.text("status.simulator-off")));
        } catch (RuntimeException e) {
            LOG.debug("Simulator status unavailable", e);
            simulatorText.set(messages.text("status.simulator-off"));
        }
    }

    private void rebuild() {
        navigation.set(filter(entries(home.structure()), search.get()));
    }

    /** The houses tree: house → floors → rooms; rooms on no floor directly under the house. */
    static List<NavEntry> entries(HomeStructure structure) {
        List<NavEntry> houses = new ArrayList<>();
        for (HomeStructure.HouseEntry house : structure.houses()) {
            String slug = house.house().slug();
            List<NavEntry> children = new ArrayList<>();
            for (Floor floor : house.floors()) {
                List<NavEntry> rooms = house.roomsOn(floor).stream().map(r -> room(house, r)).toList();
                List<DeviceAddress> devices = rooms.stream().flatMap(r -> r.devices().stream()).toList();
                children.add(new NavEntry(NavEntry.Level.FLOOR, new ViewId.Floor(slug, floor.id()).text(),
                        floor.name(), devices, rooms));
            }
            for (Room room : house.roomsWithoutFloor()) {
                children.add(room(house, room));
            }
            List<DeviceAddress> devices = house.devices().stream().filter(d -> !d.inInbox())
                    .map(Device::address).toList();
            houses.add(new NavEntry(NavEntry.Level.HOUSE, new ViewId.House(slug).text(), house.house().name(),
                    devices, children));
        }
        return houses;
    }

    private static NavEntry room(HomeStructure.HouseEntry house, Room room) {
        return new NavEntry(NavEntry.Level.ROOM, new ViewId.Room(house.house().slug(), room.id()).text(),
                room.name(), house.devicesIn(room).stream().map(Device::address).toList(), List.of());
    }

    /**
     * The entries matching {@code query} (case-insensitive, anywhere in the name): a matching house or floor
     * keeps everything under it; a room matches by its name or one of its devices' names (device names are
     * looked up in {@code deviceNames}). A blank query keeps everything.
     */
    static List<NavEntry> filter(List<NavEntry> entries, String query, Predicate<DeviceAddress> deviceMatches) {
        String wanted = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return entries;
        }
        List<NavEntry> kept = new ArrayList<>();
        for (NavEntry entry : entries) {
            if (entry.name().toLowerCase(Locale.ROOT).contains(wanted)) {
                kept.add(entry);
                continue;
            }
            List<NavEntry> children = filter(entry.children(), query, deviceMatches);
            boolean deviceMatch = entry.level() == NavEntry.Level.ROOM
                    && entry.devices().stream().anyMatch(deviceMatches);
            if (!children.isEmpty() || deviceMatch) {
                kept.add(entry.withChildren(children));
            }
        }
        return kept;
    }

    private List<NavEntry> filter(List<NavEntry> entries, String query) {
        String wanted = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        HomeStructure structure = home.structure();
        return filter(entries, query, address -> structure.device(address)
                .map(d -> d.name().toLowerCase(Locale.ROOT).contains(wanted)).orElse(false));
    }
}
