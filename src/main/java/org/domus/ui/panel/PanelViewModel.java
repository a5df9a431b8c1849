package org.domus.ui.panel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.Floor;
import org.domus.model.Room;
import org.domus.ui.live.CommandTracker;
import org.domus.ui.live.HomeLive;
import org.domus.ui.live.HomeStructure;

/**
 * A house, floor or room as a panel of device tiles, grouped by room. Sections are rebuilt only when the
 * structure changes what is in scope; tiles of devices still in scope are kept (the view keeps their nodes).
 * FX thread.
 */
public final class PanelViewModel implements AutoCloseable {

    /** One room's tiles. */
    public record Section(String key, String title, List<TileModel> tiles) {
        public Section {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(title, "title");
            tiles = List.copyOf(tiles);
        }
    }

    private final HomeLive home;
    private final CommandTracker commands;
    private final PanelScope scope;
    private final Map<DeviceAddress, TileModel> tiles = new HashMap<>();
    private final ReadOnlyObjectWrapper<List<Section>> sections = new ReadOnlyObjectWrapper<>(this, "sections",
            List.of());
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper(this, "subtitle", "");
    private final ChangeListener<HomeStructure> structureListener = (o, old, now) -> rebuild(now);
    private List<Object> shape = List.of();

    public PanelViewModel(HomeLive home, CommandTracker commands, PanelScope scope) {
        this.home = Objects.requireNonNull(home, "home");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.scope = Objects.requireNonNull(scope, "scope");
        home.structureProperty().addListener(structureListener);
        rebuild(home.structure());
    }

    public PanelScope scope() {
        return scope;
    }

    public ReadOnlyObjectProperty<List<Section>> sectionsProperty() {
        return sections.getReadOnlyProperty();
    }

    /** The house's, floor's or room's name. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The house a room or floor belongs to; empty for a whole house. */
    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    public int deviceCount() {
        return sections.get().stream().mapToInt(s -> s.tiles().size()).sum();
    }

    @Override
    public void close() {
        home.structureProperty().removeListener(structureListener);
    }

    private void rebuild(HomeStructure structure) {
        Optional<HomeStructure.HouseEntry> found = structure.house(scope.house());
        if (found.isEmpty()) {
            title.set(scope.house());
            subtitle.set("");
            apply(List.of(), List.of());
            return;
        }
        HomeStructure.HouseEntry house = found.get();
        List<Room> rooms = house.rooms();
        if (scope.roomId() != null) {
            rooms = house.room(scope.roomId()).map(List::of).orElse(List.of());
            title.set(rooms.isEmpty() ? house.house().name() : rooms.getFirst().name());
            subtitle.set(house.house().name());
        } else if (scope.floorId() != null) {
            Optional<Floor> floor = house.floors().stream().filter(f -> f.id() == scope.floorId()).findFirst();
            rooms = floor.map(house::roomsOn).orElse(List.of());
            title.set(floor.map(Floor::name).orElse(house.house().name()));
            subtitle.set(house.house().name());
        } else {
            title.set(house.house().name());
            subtitle.set("");
        }
        List<Section> built = new ArrayList<>();
        List<Object> newShape = new ArrayList<>();
        Map<DeviceAddress, TileModel> kept = new HashMap<>();
        for (Room room : rooms) {
            List<TileModel> roomTiles = new ArrayList<>();
            for (Device device : house.devicesIn(room)) {
                var attributes = house.attributesOf(device);
                TileModel tile = tiles.get(device.address());
                if (tile == null || !tile.device().equals(device)) {
                    tile = new TileModel(device, attributes, home, commands);
                }
                kept.put(device.address(), tile);
                roomTiles.add(tile);
                newShape.add(device);
                newShape.add(attributes);
            }
            newShape.add(room);
            built.add(new Section("room:" + room.id(), room.name(), roomTiles));
        }
        if (!newShape.equals(shape)) {
            shape = newShape;
            tiles.clear();
            tiles.putAll(kept);
            apply(built, newShape);
        }
    }

    private void apply(List<Section> built, List<Object> newShape) {
        shape = newShape;
        sections.set(List.copyOf(built));
    }
}
