package org.domus.ui.inbox;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.domus.house.HouseModelService;
import org.domus.house.HouseOutline;
import org.domus.house.ModelListener;
import org.domus.ingest.LiveState;
import org.domus.ingest.LiveStateListener;
import org.domus.model.Attribute;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.House;
import org.domus.model.Reading;
import org.domus.model.Room;
import org.domus.model.SeriesPath;
import org.domus.ui.editing.ModelText;

/**
 * The "new devices" inbox: per house, the devices ingest discovered and nobody placed yet, and the rooms they can
 * go to. Follows ingest live (a discovered device shows up as soon as its first message is committed) and every
 * edit made through the same {@link HouseModelService}.
 *
 * <p>Store reads and edits run on {@code background}; results come back through {@code fx}. Properties change and
 * commands are called on the FX thread (tests: the test thread, with {@code Runnable::run} for both).
 */
public final class InboxViewModel implements AutoCloseable {

    /** A device waiting in the inbox, with what a row shows of it. */
    public record Entry(Device device, String line, String attributes) {
        public Entry {
            Objects.requireNonNull(device, "device");
        }
    }

    /** A room a device can be dropped on. */
    public record RoomEntry(Room room, int devices, String count) {
        public RoomEntry {
            Objects.requireNonNull(room, "room");
        }
    }

    private final HouseModelService service;
    private final LiveState liveState;
    private final ModelText modelText;
    private final ResourceBundle bundle;
    private final Locale locale;
    private final Executor background;
    private final Executor fx;
    private final AtomicBoolean reloadRequested = new AtomicBoolean();
    private final ModelListener modelListener = houseId -> requestReload();
    private final LiveStateListener liveListener = this::committed;
    private final DateTimeFormatter time;

    private final ReadOnlyObjectWrapper<List<House>> houses = new ReadOnlyObjectWrapper<>(this, "houses", List.of());
    private final ObjectProperty<House> house = new SimpleObjectProperty<>(this, "house");
    private final ObservableList<Entry> devices = FXCollections.observableArrayList();
    private final ObservableList<RoomEntry> rooms = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper waiting = new ReadOnlyIntegerWrapper(this, "waiting");
    private final ReadOnlyIntegerWrapper waitingEverywhere = new ReadOnlyIntegerWrapper(this, "waitingEverywhere");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper(this, "emptyText", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private List<HouseOutline> outlines = List.of();
    // Written on the FX thread, read on the store writer's thread.
    private volatile Set<DeviceAddress> waitingAddresses = Set.of();
    private volatile Set<SeriesPath> knownSeries = Set.of();

    public InboxViewModel(HouseModelService service, LiveState liveState, Locale locale, Executor background,
                          Executor fx) {
        this.service = Objects.requireNonNull(service, "service");
        this.liveState = Objects.requireNonNull(liveState, "liveState");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.modelText = new ModelText(locale);
        this.bundle = ResourceBundle.getBundle("org.domus.ui.inbox.messages", locale);
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.time = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale)
                .withZone(ZoneId.systemDefault());
        house.addListener((observable, old, chosen) -> show());
    }

    /** Reads the inbox and follows ingest and edits from now on. */
    public void start() {
        service.addListener(modelListener);
        liveState.addListener(liveListener);
        requestReload();
    }

    @Override
    public void close() {
        service.removeListener(modelListener);
        liveState.removeListener(liveListener);
    }

    public String text(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }

    public ModelText modelText() {
        return modelText;
    }

    public ReadOnlyObjectProperty<List<House>> housesProperty() {
        return houses.getReadOnlyProperty();
    }

    /** The house whose inbox is shown; the first house with something waiting, until the user picks one. */
    public ObjectProperty<House> houseProperty() {
        return house;
    }

    /** The devices waiting in the shown house, by name. */
    public ObservableList<Entry> devices() {
        return devices;
    }

    /** The rooms of the shown house, by name. */
    public ObservableList<RoomEntry> rooms() {
        return rooms;
    }

    public ReadOnlyIntegerProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    /** Devices waiting in every house's inbox (for a badge). */
    public ReadOnlyIntegerProperty waitingEverywhereProperty() {
        return waitingEverywhere.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the list says when nothing is waiting. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The shown house as the dialogs need it. */
    public Optional<HouseOutline> outline() {
        House shown = house.get();
        return shown == null ? Optional.empty()
                : outlines.stream().filter(o -> o.house().id() == shown.id()).findFirst();
    }

    // ------------------------------------------------------------------ commands

    /** Places a waiting device in a room (or back in the inbox, {@code roomId} null). */
    public void place(long deviceId, Long roomId) {
        String roomName = roomId == null ? modelText.get("dialog.move.inbox")
                : outline().flatMap(o -> o.room(roomId)).map(Room::name).orElse("");
        run(() -> service.moveDevice(deviceId, roomId), device -> text("done.placed", device.name(), roomName));
    }

    public void rename(long deviceId, String name) {
        run(() -> service.renameDevice(deviceId, name), device -> modelText.get("done.renamed", device.name()));
    }

    /** Names the device and says what kind it is ({@code ""}: not known). */
    public void describe(long deviceId, String name, String kind) {
        run(() -> service.updateDevice(deviceId, name, kind), device -> modelText.get("done.renamed", device.name()));
    }

    /** Gives the confirmation text for deleting the device to {@code onImpact}, on the FX thread. */
    public void impact(long deviceId, Consumer<String> onImpact) {
        background.execute(() -> {
            try {
                String described = modelText.impact(ModelText.Subject.DEVICE, service.deviceImpact(deviceId));
                fx.execute(() -> onImpact.accept(described));
            } catch (RuntimeException e) {
                String sentence = modelText.problem(e);
                fx.execute(() -> problem.set(sentence));
            }
        });
    }

    public void delete(long deviceId) {
        run(() -> service.deleteDevice(deviceId), modelText::deleted);
    }

    // ------------------------------------------------------------------ loading

    /** Reads the houses again soon; requests made meanwhile are merged. Any thread. */
    public void requestReload() {
        if (reloadRequested.compareAndSet(false, true)) {
            background.execute(() -> {
                reloadRequested.set(false);
                try {
                    List<HouseOutline> read = service.outlines();
                    fx.execute(() -> loaded(read));
                } catch (RuntimeException e) {
                    String sentence = modelText.problem(e);
                    fx.execute(() -> problem.set(sentence));
                }
            });
        }
    }

    /**
     * On the store writer's thread, after each commit: a discovered device, or a first value of an attribute of a
     * waiting device, changes the inbox. One hash lookup per reading of a known series.
     */
    private void committed(List<Reading> readings, List<Device> discovered) {
        if (!discovered.isEmpty()) {
            requestReload();
            return;
        }
        Set<SeriesPath> known = knownSeries;
        Set<DeviceAddress> waitingDevices = waitingAddresses;
        if (waitingDevices.isEmpty()) {
            return;
        }
        for (Reading reading : readings) {
            // Known series (every device's) first: one lookup, no allocation, for nearly every reading.
            if (!known.contains(reading.series()) && waitingDevices.contains(reading.series().deviceAddress())) {
                requestReload();
                return;
            }
        }
    }

    private void loaded(List<HouseOutline> read) {
        outlines = List.copyOf(read);
        Set<DeviceAddress> addresses = new HashSet<>();
        Set<SeriesPath> series = new HashSet<>();
        for (HouseOutline outline : read) {
            for (Device device : outline.devices()) {
                if (device.inInbox()) {
                    addresses.add(device.address());
                }
                outline.attributesOf(device.id()).forEach(a -> series.add(a.path()));
            }
        }
        waitingAddresses = Set.copyOf(addresses);
        knownSeries = Set.copyOf(series);
        List<House> list = read.stream().map(HouseOutline::house).toList();
        houses.set(list);
        waitingEverywhere.set(read.stream().mapToInt(o -> o.inbox().size()).sum());
        House shown = house.get();
        Optional<House> still = shown == null ? Optional.empty()
                : list.stream().filter(h -> h.id() == shown.id()).findFirst();
        if (still.isPresent()) {
            if (!still.get().equals(shown)) {
                house.set(still.get());
            } else {
                show();
            }
        } else {
            house.set(read.stream().filter(o -> !o.inbox().isEmpty()).findFirst().or(() -> read.stream().findFirst())
                    .map(HouseOutline::house).orElse(null));
            if (house.get() == null) {
                show();
            }
        }
    }

    private void show() {
        Optional<HouseOutline> shown = outline();
        List<Entry> entries = new ArrayList<>();
        List<RoomEntry> roomEntries = new ArrayList<>();
        if (shown.isPresent()) {
            HouseOutline outline = shown.get();
            for (Device device : outline.inbox()) {
                entries.add(entry(outline, device));
            }
            List<Room> byName = new ArrayList<>(outline.rooms());
            byName.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
            for (Room room : byName) {
                int count = outline.devicesIn(room.id()).size();
                roomEntries.add(new RoomEntry(room, count, text("room.count", count)));
            }
        }
        if (!entries.equals(devices)) {
            devices.setAll(entries);
        }
        if (!roomEntries.equals(rooms)) {
            rooms.setAll(roomEntries);
        }
        waiting.set(entries.size());
        summary.set(text("summary", entries.size()));
        emptyText.set(shown.isEmpty() ? text("noHouses") : text("empty", shown.get().house().slug()));
    }

    private Entry entry(HouseOutline outline, Device device) {
        Instant seen = device.discoveredAt();
        String kind = "unknown".equals(device.kind()) ? text("kind.unknown") : device.kind();
        String line = text("device.line", device.address().toString(), kind,
                seen == null ? "—" : time.format(seen));
        List<Attribute> attributes = outline.attributesOf(device.id());
        String reported = attributes.isEmpty() ? text("device.noAttributes")
                : text("device.attributes", String.join(", ", attributes.stream().map(Attribute::displayName).toList()));
        return new Entry(device, line, reported);
    }

    private <T> void run(Supplier<T> edit, Function<T, String> done) {
        background.execute(() -> {
            try {
                T result = edit.get();
                String sentence = done.apply(result);
                fx.execute(() -> {
                    problem.set("");
                    message.set(sentence);
                });
            } catch (RuntimeException e) {
                String sentence = modelText.problem(e);
                fx.execute(() -> {
                    message.set("");
                    problem.set(sentence);
                });
            }
        });
    }
}
