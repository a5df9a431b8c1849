package org.domus.ui.editing;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.domus.house.HouseModelService;
import org.domus.house.HouseOutline;
import org.domus.house.ModelListener;
import org.domus.model.Attribute;
import org.domus.model.Device;
import org.domus.model.House;
import org.domus.store.DeletionImpact;
import org.domus.ui.editing.ModelNode.AttributeNode;
import org.domus.ui.editing.ModelNode.DeviceNode;
import org.domus.ui.editing.ModelNode.FloorNode;
import org.domus.ui.editing.ModelNode.HouseNode;
import org.domus.ui.editing.ModelNode.InboxNode;
import org.domus.ui.editing.ModelNode.RoomNode;
import org.domus.ui.editing.ModelText.Subject;

/**
 * The model editor's state and commands. Edits and reads run on {@code background}; their outcome comes back
 * through {@code fx}, one sentence in {@link #messageProperty} (done) or {@link #problemProperty} (refused).
 * Any edit, here or elsewhere through the same service, reloads {@link #housesProperty}. Properties change and
 * commands are called on the FX thread (in tests: the test thread, with {@code Runnable::run} for both).
 */
public final class ModelEditorViewModel implements AutoCloseable {

    private final HouseModelService service;
    private final ModelText text;
    private final Executor background;
    private final Executor fx;
    private final ModelListener listener = houseId -> requestReload();
    private final AtomicBoolean reloadRequested = new AtomicBoolean();

    private final ReadOnlyObjectWrapper<List<HouseOutline>> houses = new ReadOnlyObjectWrapper<>(this, "houses", List.of());
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);

    public ModelEditorViewModel(HouseModelService service, ModelText text, Executor background, Executor fx) {
        this.service = Objects.requireNonNull(service, "service");
        this.text = Objects.requireNonNull(text, "text");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /** Reads the houses and follows every edit from now on. */
    public void start() {
        service.addListener(listener);
        requestReload();
    }

    @Override
    public void close() {
        service.removeListener(listener);
    }

    public ModelText text() {
        return text;
    }

    /** Every house, by name; replaced as a whole after each change. */
    public ReadOnlyObjectProperty<List<HouseOutline>> housesProperty() {
        return houses.getReadOnlyProperty();
    }

    /** What the last edit did, one sentence; empty after a refusal. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Why the last edit was refused, one sentence; empty after a success. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** True while an edit runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Reads the houses again soon; requests made meanwhile are merged. Any thread. */
    public void requestReload() {
        if (reloadRequested.compareAndSet(false, true)) {
            background.execute(() -> {
                reloadRequested.set(false);
                try {
                    List<HouseOutline> read = service.outlines();
                    fx.execute(() -> houses.set(read));
                } catch (RuntimeException e) {
                    String sentence = text.problem(e);
                    fx.execute(() -> problem.set(sentence));
                }
            });
        }
    }

    // ------------------------------------------------------------------ create

    public void createHouse(String name, String slug, String zone) {
        run(() -> service.createHouse(name, slug, zone), house -> text.get("done.created", house.name()));
    }

    public void createFloor(long houseId, String name, int level) {
        run(() -> service.createFloor(houseId, name, level), floor -> text.get("done.created", floor.name()));
    }

    public void createRoom(long houseId, Long floorId, String name, String slug) {
        run(() -> service.createRoom(houseId, floorId, name, slug), room -> text.get("done.created", room.name()));
    }

    public void createDevice(long roomId, String name, String slug, String kind) {
        run(() -> service.createDevice(roomId, name, slug, kind), device -> text.get("done.created", device.name()));
    }

    // ------------------------------------------------------------------ change

    /** Renames a house, floor, room or device; a house keeps its zone, a floor its level. */
    public void rename(ModelNode node, String name) {
        Supplier<String> edit = switch (node) {
            case HouseNode house -> () -> service.updateHouse(house.outline().house().id(), name,
                    house.outline().house().zone().getId()).name();
            case FloorNode floor when floor.floor() != null -> () -> service.updateFloor(floor.floor().id(), name,
                    floor.floor().level()).name();
            case RoomNode room -> () -> service.renameRoom(room.room().id(), name).name();
            case DeviceNode device -> () -> service.renameDevice(device.device().id(), name).name();
            default -> null;
        };
        if (edit != null) {
            run(edit, renamed -> text.get("done.renamed", renamed));
        }
    }

    /** Names a device and says what kind it is ({@code ""}: not known). */
    public void updateDevice(long deviceId, String name, String kind) {
        run(() -> service.updateDevice(deviceId, name, kind), device -> text.get("done.renamed", device.name()));
    }

    public void updateHouse(long houseId, String name, String zone) {
        run(() -> service.updateHouse(houseId, name, zone), house -> text.get("done.renamed", house.name()));
    }

    public void updateFloor(long floorId, String name, int level) {
        run(() -> service.updateFloor(floorId, name, level), floor -> text.get("done.renamed", floor.name()));
    }

    /** Places a device in a room, or back in the inbox ({@code roomId} null). */
    public void moveDevice(long deviceId, Long roomId) {
        run(() -> service.moveDevice(deviceId, roomId), device -> text.get("done.moved", device.name()));
    }

    /** Puts a room on a floor, or on none ({@code floorId} null). */
    public void moveRoom(long roomId, Long floorId) {
        run(() -> service.moveRoom(roomId, floorId), room -> text.get("done.moved", room.name()));
    }

    public void updateAttribute(long attributeId, String label, String unit) {
        run(() -> service.updateAttribute(attributeId, label, unit),
                attribute -> text.get("done.attribute", attribute.displayName()));
    }

    /** The unit the device declares, for the attribute dialog's hint; given to {@code onUnit} on the FX thread. */
    public void declaredUnit(long attributeId, Consumer<String> onUnit) {
        background.execute(() -> {
            try {
                String unit = service.declaredUnit(attributeId);
                fx.execute(() -> onUnit.accept(unit));
            } catch (RuntimeException e) {
                String sentence = text.problem(e);
                fx.execute(() -> problem.set(sentence));
            }
        });
    }

    // ------------------------------------------------------------------ delete

    /** Whether {@code node} can be deleted (houses, floors, rooms and devices). */
    public static boolean deletable(ModelNode node) {
        return node instanceof HouseNode || node instanceof RoomNode || node instanceof DeviceNode
                || node instanceof FloorNode floor && floor.floor() != null;
    }

    /**
     * Reads what deleting {@code node} would remove and gives the confirmation's text to {@code onImpact} on the
     * FX thread; a refusal (it is gone already) goes to {@link #problemProperty} instead.
     */
    public void impact(ModelNode node, Consumer<String> onImpact) {
        if (!deletable(node)) {
            return;
        }
        background.execute(() -> {
            try {
                String described = switch (node) {
                    case HouseNode house -> text.impact(Subject.HOUSE, service.houseImpact(house.outline().house().id()));
                    case FloorNode floor -> text.impact(Subject.FLOOR, service.floorImpact(floor.floor().id()));
                    case RoomNode room -> text.impact(Subject.ROOM, service.roomImpact(room.room().id()));
                    case DeviceNode device -> text.impact(Subject.DEVICE, service.deviceImpact(device.device().id()));
                    default -> throw new IllegalStateException("not deletable: " + node);
                };
                fx.execute(() -> onImpact.accept(described));
            } catch (RuntimeException e) {
                String sentence = text.problem(e);
                fx.execute(() -> problem.set(sentence));
            }
        });
    }

    /** Deletes {@code node}; a room's devices go to {@code devicesTo}, or to the inbox when null. */
    public void delete(ModelNode node, Long devicesTo) {
        Supplier<DeletionImpact> edit = switch (node) {
            case HouseNode house -> () -> service.deleteHouse(house.outline().house().id());
            case FloorNode floor when floor.floor() != null -> () -> service.deleteFloor(floor.floor().id());
            case RoomNode room -> () -> service.deleteRoom(room.room().id(), devicesTo);
            case DeviceNode device -> () -> service.deleteDevice(device.device().id());
            default -> null;
        };
        if (edit != null) {
            run(edit, text::deleted);
        }
    }

    // ------------------------------------------------------------------ details

    /** One line describing {@code node} (null: nothing selected). */
    public String details(ModelNode node) {
        if (node == null) {
            return text.get(houses.get().isEmpty() ? "tree.empty" : "details.none");
        }
        return switch (node) {
            case HouseNode h -> {
                House house = h.outline().house();
                yield text.get("details.house", house.name(), house.slug(), house.zone().getId(),
                        h.outline().floors().size(), h.outline().rooms().size(), h.outline().devices().size());
            }
            case FloorNode f -> f.floor() == null ? text.get("tree.noFloor")
                    : text.get("details.floor", f.floor().name(), f.floor().level(),
                    f.outline().roomsOn(f.floor().id()).size());
            case RoomNode r -> text.get("details.room", r.room().name(), r.room().slug(),
                    r.outline().devicesIn(r.room().id()).size());
            case InboxNode i -> text.get("tree.inbox", i.outline().inbox().size());
            case DeviceNode d -> {
                Device device = d.device();
                yield text.get(device.inInbox() ? "details.deviceInbox" : "details.device", device.name(),
                        device.kind(), device.address().toString());
            }
            case AttributeNode a -> {
                Attribute attribute = a.attribute();
                yield text.get("details.attribute", attribute.displayName(), attribute.kind().code(),
                        attribute.unit(), attribute.path().toString());
            }
        };
    }

    private <T> void run(Supplier<T> edit, Function<T, String> done) {
        busy.set(true);
        background.execute(() -> {
            try {
                T result = edit.get();
                String sentence = done.apply(result);
                fx.execute(() -> {
                    busy.set(false);
                    problem.set("");
                    message.set(sentence);
                });
            } catch (RuntimeException e) {
                String sentence = text.problem(e);
                fx.execute(() -> {
                    busy.set(false);
                    message.set("");
                    problem.set(sentence);
                });
            }
        });
    }
}
