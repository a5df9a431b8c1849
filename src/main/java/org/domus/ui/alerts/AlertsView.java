package org.domus.ui.alerts;

import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.domus.model.Alert;
import org.domus.model.AlertState;
import org.domus.model.Reminder;

/** Alerts (acknowledge, clear) and reminders (done, snooze, add). Binds to {@link AlertsViewModel}. */
public final class AlertsView implements AutoCloseable {

    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");
    private static final PseudoClass OVERDUE = PseudoClass.getPseudoClass("overdue");
    private static final PseudoClass CLEARED = PseudoClass.getPseudoClass("cleared");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
            .withZone(ZoneId.systemDefault());

    private final AlertsViewModel viewModel;
    private final ResourceBundle text;
    private final Clock clock;
    private final Timeline poll;

    @FXML private ListView<Alert> alertList;
    @FXML private Button acknowledgeButton;
    @FXML private Button clearButton;
    @FXML private ListView<Reminder> reminderList;
    @FXML private Button doneButton;
    @FXML private Button snoozeDayButton;
    @FXML private Button snoozeWeekButton;
    @FXML private Button deleteButton;
    @FXML private TextField titleField;
    @FXML private TextField houseField;
    @FXML private TextField deviceField;
    @FXML private TextField everyField;
    @FXML private ComboBox<AlertsViewModel.Every> everyChoice;
    @FXML private DatePicker dueField;
    @FXML private Label messageLabel;

    public AlertsView(AlertsViewModel viewModel, ResourceBundle text, Clock clock) {
        this.viewModel = viewModel;
        this.text = text;
        this.clock = clock;
        this.poll = new Timeline(new KeyFrame(javafx.util.Duration.seconds(3), event -> viewModel.refresh()));
        this.poll.setCycleCount(Animation.INDEFINITE);
    }

    @FXML
    private void initialize() {
        alertList.setItems(viewModel.alerts());
        alertList.setCellFactory(list -> new AlertCell());
        var alert = alertList.getSelectionModel().selectedItemProperty();
        acknowledgeButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> alert.get() == null || alert.get().state() != AlertState.RAISED, alert));
        clearButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> alert.get() == null || !alert.get().state().active(), alert));
        reminderList.setItems(viewModel.reminders());
        reminderList.setCellFactory(list -> new ReminderCell());
        var none = reminderList.getSelectionModel().selectedItemProperty().isNull();
        for (Button button : List.of(doneButton, snoozeDayButton, snoozeWeekButton, deleteButton)) {
            button.disableProperty().bind(none);
        }
        titleField.textProperty().bindBidirectional(viewModel.title);
        houseField.textProperty().bindBidirectional(viewModel.house);
        deviceField.textProperty().bindBidirectional(viewModel.device);
        everyField.textProperty().bindBidirectional(viewModel.everyCount);
        everyChoice.getItems().setAll(AlertsViewModel.Every.values());
        everyChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(AlertsViewModel.Every every) {
                return every == null ? "" : text.getString("every." + every.name());
            }

            @Override
            public AlertsViewModel.Every fromString(String string) {
                return null;
            }
        });
        everyChoice.valueProperty().bindBidirectional(viewModel.everyUnit);
        everyField.disableProperty().bind(viewModel.everyUnit.isEqualTo(AlertsViewModel.Every.NEVER));
        dueField.valueProperty().bindBidirectional(viewModel.firstDue);
        messageLabel.textProperty().bind(viewModel.messageProperty());
        viewModel.problemProperty().addListener((obs, was, is) -> messageLabel.pseudoClassStateChanged(PROBLEM, is));
        viewModel.refresh();
        poll.play();
    }

    @FXML
    private void acknowledge() {
        viewModel.acknowledge(alertList.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void clear() {
        viewModel.clear(alertList.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void done() {
        viewModel.done(reminderList.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void snoozeDay() {
        viewModel.snooze(reminderList.getSelectionModel().getSelectedItem(), Duration.ofDays(1));
    }

    @FXML
    private void snoozeWeek() {
        viewModel.snooze(reminderList.getSelectionModel().getSelectedItem(), Duration.ofDays(7));
    }

    @FXML
    private void delete() {
        viewModel.delete(reminderList.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void add() {
        viewModel.addReminder();
    }

    @Override
    public void close() {
        poll.stop();
    }

    private final class AlertCell extends ListCell<Alert> {
        private final Label severity = new Label();
        private final Label message = new Label();
        private final Label detail = new Label();
        private final HBox box;

        AlertCell() {
            getStyleClass().add("alert-cell");
            setPrefWidth(0);
            severity.getStyleClass().add("severity");
            message.getStyleClass().add("message");
            message.setWrapText(true);
            detail.getStyleClass().add("detail");
            VBox texts = new VBox(2, message, detail);
            HBox.setHgrow(texts, Priority.ALWAYS);
            box = new HBox(8, severity, texts);
        }

        @Override
        protected void updateItem(Alert a, boolean empty) {
            super.updateItem(a, empty);
            for (String s : List.of("info", "warning", "critical")) {
                pseudoClassStateChanged(PseudoClass.getPseudoClass(s), !empty && a != null && a.severity().label().equals(s));
            }
            pseudoClassStateChanged(CLEARED, !empty && a != null && !a.state().active());
            if (empty || a == null) {
                setGraphic(null);
                return;
            }
            severity.setText(text.getString("severity." + a.severity().name()));
            message.setText(a.message());
            Instant second = a.state() == AlertState.CLEARED ? a.clearedAt() : a.acknowledgedAt();
            detail.setText(a.house() + " · " + MessageFormat.format(text.getString("alert.state." + a.state().name()),
                    WHEN.format(a.raisedAt()), second == null ? "" : WHEN.format(second)));
            setGraphic(box);
        }
    }

    private final class ReminderCell extends ListCell<Reminder> {
        private final Label title = new Label();
        private final Label due = new Label();
        private final VBox box = new VBox(2, title, due);

        ReminderCell() {
            getStyleClass().add("reminder-cell");
            due.getStyleClass().addAll("detail", "due");
        }

        @Override
        protected void updateItem(Reminder r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                pseudoClassStateChanged(OVERDUE, false);
                return;
            }
            boolean overdue = !r.nextDue().isAfter(clock.instant());
            title.setText(r.title() + "  ·  " + r.house() + (r.device() == null ? "" : "/" + r.device()));
            String every = r.every() == null ? text.getString("reminder.once")
                    : MessageFormat.format(text.getString("reminder.every"), r.every().toString()
                            .substring(1).toLowerCase(Locale.ROOT));
            due.setText(MessageFormat.format(text.getString(overdue ? "reminder.overdue" : "reminder.due"),
                    WHEN.format(r.nextDue())) + " · " + every);
            pseudoClassStateChanged(OVERDUE, overdue);
            setGraphic(box);
        }
    }
}
