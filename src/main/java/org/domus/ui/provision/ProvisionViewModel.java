package org.domus.ui.provision;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.domus.ingest.HubStatus;
import org.domus.ingest.HubStatusListener;
import org.domus.provision.BootFormat;
import org.domus.provision.ProvisionException;
import org.domus.provision.ProvisionProgress;
import org.domus.provision.ProvisionRequest;
import org.domus.provision.ProvisionResult;
import org.domus.ui.fx.FrameBridge;

/**
 * The hubs view: the wizard's fields and its one command ({@link #provision}), which checks the input at once
 * and runs the provisioning on {@code background}, its progress shown step by step; and each house's hub status,
 * fed through the frame bridge (latest per house). Properties are read and written on the FX thread.
 */
public final class ProvisionViewModel implements AutoCloseable {

    private final HubProvisioning provisioning;
    private final Executor background;
    private final FrameBridge bridge;
    private final ResourceBundle messages;
    private final ZoneId zone;
    private final FrameBridge.Channel<String, HubStatus> statusChannel;
    private final HubStatusListener listener;

    private final ObservableList<String> houses = FXCollections.observableArrayList();
    private final ObservableList<BootFormat> formats = FXCollections.observableArrayList(BootFormat.values());
    private final ObservableList<HubRow> hubs = FXCollections.observableArrayList();
    private final StringProperty house = new SimpleStringProperty();
    private final ObjectProperty<BootFormat> format = new SimpleObjectProperty<>(BootFormat.FIRSTRUN);
    private final StringProperty hostname = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("installer");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty sshKey = new SimpleStringProperty("");
    private final StringProperty wifiSsid = new SimpleStringProperty("");
    private final StringProperty wifiPassphrase = new SimpleStringProperty("");
    private final StringProperty wifiCountry = new SimpleStringProperty("GB");
    private final StringProperty timezone = new SimpleStringProperty(ZoneId.systemDefault().getId());
    private final StringProperty keyboard = new SimpleStringProperty("gb");
    private final StringProperty consoleHosts = new SimpleStringProperty("");
    private final StringProperty outDir = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper secrets = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    /**
     * @param background runs the provisioning (tests pass {@code Runnable::run})
     * @param bridge     onto the FX thread
     */
    public ProvisionViewModel(HubProvisioning provisioning, Executor background, FrameBridge bridge,
                              ResourceBundle messages, ZoneId zone) {
        this.provisioning = provisioning;
        this.background = background;
        this.bridge = bridge;
        this.messages = messages;
        this.zone = zone;
        this.statusChannel = bridge.channel(this::applyStatuses);
        this.listener = status -> statusChannel.publish(status.house(), status);
        houses.setAll(provisioning.houses());
        if (!houses.isEmpty()) {
            house.set(houses.getFirst());
        }
        consoleHosts.set(String.join(", ", provisioning.consoleHosts()));
        outDir.set(Path.of(System.getProperty("user.home"), "domus-hub").toString());
        provisioning.addHubListener(listener);
        for (HubStatus status : provisioning.hubStatuses()) {
            statusChannel.publish(status.house(), status);
        }
    }

    /** Checks the input (a refusal shows at once) and makes the hub in the background. FX thread. */
    public void provision() {
        if (busy.get()) {
            return;
        }
        ProvisionRequest request;
        try {
            request = new ProvisionRequest(house.get(), format.get(), Path.of(outDir.get().strip()), hostname.get(),
                    user.get(), password.get(), sshKey.get(), wifiSsid.get(), wifiPassphrase.get(),
                    wifiSsid.get().isBlank() ? null : wifiCountry.get(), timezone.get(), keyboard.get(),
                    Arrays.stream(consoleHosts.get().split("[,\\s]+")).filter(h -> !h.isBlank()).toList(),
                    provisioning.consolePort());
        } catch (ProvisionException | java.nio.file.InvalidPathException e) {
            fail(e.getMessage());
            return;
        }
        busy.set(true);
        failed.set(false);
        message.set("");
        secrets.set("");
        progress.set(0);
        background.execute(() -> {
            try {
                ProvisionResult result = provisioning.provision(request, (fraction, next) -> bridge.execute(() -> {
                    progress.set(fraction);
                    step.set(messages.getString("step." + next.name()));
                }));
                bridge.execute(() -> done(result));
            } catch (ProvisionException e) {
                bridge.execute(() -> fail(e.getMessage()));
            } catch (RuntimeException e) {
                bridge.execute(() -> fail(messages.getString("provision.unexpected") + " " + e.getMessage()));
            }
        });
    }

    private void done(ProvisionResult result) {
        busy.set(false);
        password.set("");
        wifiPassphrase.set("");
        message.set(String.format(messages.getString("provision.done"), result.files().size(), result.outDir(),
                result.sheet().getFileName()) + " " + (result.cmdlineUpdated() ? messages.getString("provision.cmdline.done")
                : messages.getString("provision.cmdline.append") + result.cmdlineAddition()));
        secrets.set(String.format(messages.getString("provision.secrets"), result.hub().username(),
                result.hubPassword(), result.deviceUser(), result.devicePassword()));
    }

    private void fail(String text) {
        busy.set(false);
        failed.set(true);
        progress.set(0);
        step.set("");
        message.set(text);
    }

    private void applyStatuses(Map<String, HubStatus> changed) {
        for (HubStatus status : changed.values()) {
            HubRow row = row(status);
            int at = -1;
            for (int i = 0; i < hubs.size(); i++) {
                if (hubs.get(i).house().equals(status.house())) {
                    at = i;
                }
            }
            if (at >= 0) {
                hubs.set(at, row);
            } else {
                hubs.add(row);
                hubs.sort(Comparator.comparing(HubRow::house));
            }
        }
    }

    HubRow row(HubStatus status) {
        String seen = status.lastSeen() == null ? messages.getString("hub.never")
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(messages.getLocale())
                        .withZone(zone).format(status.lastSeen());
        return new HubRow(status.house(), status.state(), messages.getString("hub.state." + status.state().name()),
                seen, Long.toString(status.reconnects()));
    }

    /** A label for each format, in the view's language. */
    public String formatLabel(BootFormat value) {
        return value == null ? "" : messages.getString("format." + value.name());
    }

    public ObservableList<String> houses() { return houses; }
    public ObservableList<BootFormat> formats() { return formats; }
    public ObservableList<HubRow> hubs() { return hubs; }
    public StringProperty houseProperty() { return house; }
    public ObjectProperty<BootFormat> formatProperty() { return format; }
    public StringProperty hostnameProperty() { return hostname; }
    public StringProperty userProperty() { return user; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty sshKeyProperty() { return sshKey; }
    public StringProperty wifiSsidProperty() { return wifiSsid; }
    public StringProperty wifiPassphraseProperty() { return wifiPassphrase; }
    public StringProperty wifiCountryProperty() { return wifiCountry; }
    public StringProperty timezoneProperty() { return timezone; }
    public StringProperty keyboardProperty() { return keyboard; }
    public StringProperty consoleHostsProperty() { return consoleHosts; }
    public StringProperty outDirProperty() { return outDir; }
    public ReadOnlyDoubleProperty progressProperty() { return progress; }
    public ReadOnlyStringProperty stepProperty() { return step.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty secretsProperty() { return secrets.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty failedProperty() { return failed.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    @Override
    public void close() {
        provisioning.removeHubListener(listener);
    }
}
