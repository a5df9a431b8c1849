package org.domus.ui.simulator;

import java.time.Duration;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import org.domus.model.DeviceAddress;
import org.domus.sim.Fault;

/** The simulator panel: start and stop a bundled house, scale it, and inject faults per device. */
public final class SimulatorView implements AutoCloseable {

    private static final int MAX_EXTRA_DEVICES = 10_000;
    private static final int MAX_RATE = 20_000;

    private final SimulatorViewModel viewModel;
    private final Timeline poll;

    @FXML
    private ComboBox<String> houseChoice;
    @FXML
    private Spinner<Integer> scaleSpinner;
    @FXML
    private Spinner<Integer> rateSpinner;
    @FXML
    private Button startButton;
    @FXML
    private Button stopButton;
    @FXML
    private Label statusLabel;
    @FXML
    private Label messageLabel;
    @FXML
    private ListView<DeviceAddress> deviceList;
    @FXML
    private Button offlineButton;
    @FXML
    private Button offlineBriefButton;
    @FXML
    private Button malformedButton;
    @FXML
    private Button stuckButton;
    @FXML
    private Button lateButton;
    @FXML
    private Button muteButton;
    @FXML
    private Button recoverButton;
    @FXML
    private Button stormButton;

    public SimulatorView(SimulatorViewModel viewModel) {
        this.viewModel = viewModel;
        this.poll = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), event -> viewModel.refresh()));
        this.poll.setCycleCount(Animation.INDEFINITE);
    }

    @FXML
    private void initialize() {
        houseChoice.setItems(viewModel.houses());
        if (!viewModel.houses().isEmpty()) {
            houseChoice.getSelectionModel().selectFirst();
        }
        scaleSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, MAX_EXTRA_DEVICES, 0, 100));
        rateSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, MAX_RATE, 0, 100));
        deviceList.setItems(viewModel.devices());
        statusLabel.textProperty().bind(viewModel.statusProperty());
        messageLabel.textProperty().bind(viewModel.messageProperty());
        startButton.disableProperty().bind(viewModel.busyProperty().or(houseChoice.valueProperty().isNull()));
        stopButton.disableProperty().bind(viewModel.busyProperty().or(viewModel.runningProperty().not()));
        var noDevice = deviceList.getSelectionModel().selectedItemProperty().isNull().or(viewModel.busyProperty());
        for (Button button : new Button[] {offlineButton, offlineBriefButton, malformedButton, stuckButton,
                lateButton, muteButton, recoverButton}) {
            button.disableProperty().bind(noDevice);
        }
        stormButton.disableProperty().bind(viewModel.busyProperty().or(viewModel.runningProperty().not()));
        poll.play();
    }

    @FXML
    private void start() {
        viewModel.start(houseChoice.getValue(), scaleSpinner.getValue(), rateSpinner.getValue());
    }

    @FXML
    private void stop() {
        viewModel.stop();
    }

    @FXML
    private void goOffline() {
        inject(new Fault.Offline(null));
    }

    @FXML
    private void goOfflineBriefly() {
        inject(new Fault.Offline(Duration.ofSeconds(10)));
    }

    @FXML
    private void sendMalformed() {
        inject(new Fault.Malformed());
    }

    @FXML
    private void stick() {
        inject(new Fault.Stuck());
    }

    @FXML
    private void answerLate() {
        inject(new Fault.LateAnswers(Duration.ofSeconds(8)));
    }

    @FXML
    private void mute() {
        inject(new Fault.Mute());
    }

    @FXML
    private void recover() {
        inject(new Fault.Recover());
    }

    @FXML
    private void reconnectStorm() {
        viewModel.reconnectStorm(viewModel.devices().size());
    }

    private void inject(Fault fault) {
        viewModel.inject(deviceList.getSelectionModel().getSelectedItem(), fault);
    }

    @Override
    public void close() {
        poll.stop();
    }
}
