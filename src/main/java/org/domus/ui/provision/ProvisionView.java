package org.domus.ui.provision;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.domus.ingest.HubStatus;
import org.domus.provision.BootFormat;

/** The hubs view: the provisioning wizard and each house's hub status. Binds to {@link ProvisionViewModel}. */
public final class ProvisionView implements AutoCloseable {

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass ONLINE = PseudoClass.getPseudoClass("online");
    private static final PseudoClass OFFLINE = PseudoClass.getPseudoClass("offline");

    private final ProvisionViewModel viewModel;

    @FXML
    private javafx.scene.layout.VBox provisioningBox;
    @FXML
    private ComboBox<String> houseChoice;
    @FXML
    private ComboBox<BootFormat> formatChoice;
    @FXML
    private TextField hostnameField;
    @FXML
    private TextField userField;
    @FXML
    private PasswordField passwordField;
    @FXML
    private TextField sshKeyField;
    @FXML
    private TextField wifiSsidField;
    @FXML
    private PasswordField wifiPassphraseField;
    @FXML
    private TextField wifiCountryField;
    @FXML
    private TextField timezoneField;
    @FXML
    private TextField keyboardField;
    @FXML
    private TextField consoleHostsField;
    @FXML
    private TextField outDirField;
    @FXML
    private Button provisionButton;
    @FXML
    private ProgressBar progressBar;
    @FXML
    private Label stepLabel;
    @FXML
    private Label messageLabel;
    @FXML
    private Label secretsLabel;
    @FXML
    private TableView<HubRow> hubTable;
    @FXML
    private TableColumn<HubRow, String> houseColumn;
    @FXML
    private TableColumn<HubRow, HubRow> stateColumn;
    @FXML
    private TableColumn<HubRow, String> lastSeenColumn;
    @FXML
    private TableColumn<HubRow, String> reconnectsColumn;

    public ProvisionView(ProvisionViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        houseChoice.setItems(viewModel.houses());
        houseChoice.valueProperty().bindBidirectional(viewModel.houseProperty());
        formatChoice.setItems(viewModel.formats());
        formatChoice.valueProperty().bindBidirectional(viewModel.formatProperty());
        formatChoice.setButtonCell(formatCell());
        formatChoice.setCellFactory(list -> formatCell());
        hostnameField.textProperty().bindBidirectional(viewModel.hostnameProperty());
        userField.textProperty().bindBidirectional(viewModel.userProperty());
        passwordField.textProperty().bindBidirectional(viewModel.passwordProperty());
        sshKeyField.textProperty().bindBidirectional(viewModel.sshKeyProperty());
        wifiSsidField.textProperty().bindBidirectional(viewModel.wifiSsidProperty());
        wifiPassphraseField.textProperty().bindBidirectional(viewModel.wifiPassphraseProperty());
        wifiCountryField.textProperty().bindBidirectional(viewModel.wifiCountryProperty());
        timezoneField.textProperty().bindBidirectional(viewModel.timezoneProperty());
        keyboardField.textProperty().bindBidirectional(viewModel.keyboardProperty());
        consoleHostsField.textProperty().bindBidirectional(viewModel.consoleHostsProperty());
        outDirField.textProperty().bindBidirectional(viewModel.outDirProperty());
        provisionButton.disableProperty().bind(viewModel.busyProperty().or(houseChoice.valueProperty().isNull()));
        progressBar.progressProperty().bind(viewModel.progressProperty());
        stepLabel.textProperty().bind(viewModel.stepProperty());
        messageLabel.textProperty().bind(viewModel.messageProperty());
        viewModel.failedProperty().addListener((o, was, now) -> messageLabel.pseudoClassStateChanged(FAILED, now));
        secretsLabel.textProperty().bind(viewModel.secretsProperty());

        hubTable.setItems(viewModel.hubs());
        houseColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().house()));
        lastSeenColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().lastSeen()));
        reconnectsColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().reconnects()));
        stateColumn.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue()));
        stateColumn.setCellFactory(column -> new TableCell<>() {
            {
                getStyleClass().add("hub-state");
            }

            @Override
            protected void updateItem(HubRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.stateText());
                pseudoClassStateChanged(ONLINE, !empty && row != null && row.state() == HubStatus.State.ONLINE);
                pseudoClassStateChanged(OFFLINE, !empty && row != null && row.state() == HubStatus.State.OFFLINE);
            }
        });
    }

    private ListCell<BootFormat> formatCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(BootFormat format, boolean empty) {
                super.updateItem(format, empty);
                setText(empty ? null : viewModel.formatLabel(format));
            }
        };
    }

    @FXML
    private void provision() {
        viewModel.provision();
    }

    /** Shows the provisioning form only while {@code shown} (installer mode); the hubs' status always. */
    public void showProvisioningWhen(javafx.beans.value.ObservableBooleanValue shown) {
        provisioningBox.visibleProperty().bind(shown);
        provisioningBox.managedProperty().bind(shown);
    }

    @Override
    public void close() {
        viewModel.close();
    }
}
