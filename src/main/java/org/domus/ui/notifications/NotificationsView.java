package org.domus.ui.notifications;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.ResourceBundle;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.domus.model.Notification;
import org.domus.model.Recipient;
import org.domus.rules.MailSettings;

/** The notification centre, the outbox's deliveries, and the mail and recipient settings. Binds only. */
public final class NotificationsView implements AutoCloseable {

    private static final PseudoClass UNREAD = PseudoClass.getPseudoClass("unread");
    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");
    private static final PseudoClass NONE = PseudoClass.getPseudoClass("none");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
            .withZone(ZoneId.systemDefault());

    private final NotificationsViewModel viewModel;
    private final ResourceBundle text;
    private final Timeline poll;

    @FXML private Label unreadLabel;
    @FXML private Button markAllReadButton;
    @FXML private ListView<Notification> centreList;
    @FXML private ListView<Notification> outboxList;
    @FXML private TextField hostField;
    @FXML private TextField portField;
    @FXML private ComboBox<MailSettings.Security> securityChoice;
    @FXML private TextField userField;
    @FXML private PasswordField passwordField;
    @FXML private TextField fromField;
    @FXML private TextField testAddressField;
    @FXML private Label messageLabel;
    @FXML private ListView<Recipient> recipientList;
    @FXML private TextField recipientNameField;
    @FXML private CheckBox byEmailBox;
    @FXML private TextField recipientEmailField;
    @FXML private CheckBox byWebhookBox;
    @FXML private TextField recipientWebhookField;
    @FXML private Button deleteRecipientButton;

    public NotificationsView(NotificationsViewModel viewModel, ResourceBundle text) {
        this.viewModel = viewModel;
        this.text = text;
        this.poll = new Timeline(new KeyFrame(Duration.seconds(3), event -> viewModel.refresh()));
        this.poll.setCycleCount(Animation.INDEFINITE);
    }

    /** The tab's title with the unread count. */
    public StringBinding title() {
        return Bindings.createStringBinding(() -> viewModel.unreadProperty().get() == 0 ? text.getString("tab.title")
                : MessageFormat.format(text.getString("tab.title-unread"), viewModel.unreadProperty().get()),
                viewModel.unreadProperty());
    }

    @FXML
    private void initialize() {
        unreadLabel.textProperty().bind(Bindings.createStringBinding(() -> MessageFormat.format(
                text.getString("centre.unread"), viewModel.unreadProperty().get()), viewModel.unreadProperty()));
        viewModel.unreadProperty().addListener((obs, was, is) -> unreadLabel.pseudoClassStateChanged(NONE, is.intValue() == 0));
        unreadLabel.pseudoClassStateChanged(NONE, true);
        markAllReadButton.disableProperty().bind(viewModel.unreadProperty().isEqualTo(0));
        centreList.setItems(viewModel.centre());
        centreList.setCellFactory(list -> new NotificationCell(false));
        centreList.getSelectionModel().selectedItemProperty().addListener((obs, old, n) -> viewModel.markRead(n));
        outboxList.setItems(viewModel.outbox());
        outboxList.setCellFactory(list -> new NotificationCell(true));

        hostField.textProperty().bindBidirectional(viewModel.smtpHost);
        portField.textProperty().bindBidirectional(viewModel.smtpPort);
        securityChoice.getItems().setAll(List.of(MailSettings.Security.values()));
        securityChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(MailSettings.Security security) {
                return security == null ? "" : text.getString("security." + security.name());
            }

            @Override
            public MailSettings.Security fromString(String string) {
                return null;
            }
        });
        securityChoice.valueProperty().bindBidirectional(viewModel.smtpSecurity);
        userField.textProperty().bindBidirectional(viewModel.smtpUser);
        passwordField.textProperty().bindBidirectional(viewModel.smtpPassword);
        fromField.textProperty().bindBidirectional(viewModel.smtpFrom);
        testAddressField.textProperty().bindBidirectional(viewModel.testAddress);
        messageLabel.textProperty().bind(viewModel.messageProperty());
        viewModel.problemProperty().addListener((obs, was, is) -> messageLabel.pseudoClassStateChanged(PROBLEM, is));

        recipientList.setItems(viewModel.recipients());
        recipientList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Recipient r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.name() + "  ·  " + String.join(", ", r.channels().stream()
                        .sorted().map(c -> c == org.domus.model.NotificationChannel.EMAIL ? r.email() : r.webhook())
                        .toList()));
            }
        });
        recipientList.getSelectionModel().selectedItemProperty().addListener((obs, old, r) -> viewModel.editRecipient(r));
        deleteRecipientButton.disableProperty().bind(recipientList.getSelectionModel().selectedItemProperty().isNull());
        recipientNameField.textProperty().bindBidirectional(viewModel.recipientName);
        recipientEmailField.textProperty().bindBidirectional(viewModel.recipientEmail);
        recipientWebhookField.textProperty().bindBidirectional(viewModel.recipientWebhook);
        byEmailBox.selectedProperty().bindBidirectional(viewModel.byEmail);
        byWebhookBox.selectedProperty().bindBidirectional(viewModel.byWebhook);

        viewModel.toastProperty().addListener((obs, old, n) -> {
            if (n != null) {
                toast(n);
            }
        });
        viewModel.loadSettings();
        viewModel.refresh();
        poll.play();
    }

    @FXML
    private void markAllRead() {
        viewModel.markAllRead();
    }

    @FXML
    private void saveSettings() {
        viewModel.saveSettings();
    }

    @FXML
    private void sendTestMail() {
        viewModel.sendTestMail();
    }

    @FXML
    private void newRecipient() {
        recipientList.getSelectionModel().clearSelection();
        viewModel.newRecipient();
    }

    @FXML
    private void saveRecipient() {
        viewModel.saveRecipient();
    }

    @FXML
    private void deleteRecipient() {
        viewModel.deleteRecipient(recipientList.getSelectionModel().getSelectedItem());
    }

    /** A small popup at the window's lower right corner for five seconds. */
    private void toast(Notification n) {
        if (centreList.getScene() != null) {
            showToast(centreList.getScene(), n);
        }
    }

    /** Shows {@code n} as a toast over the window of {@code scene} for five seconds; FX thread. */
    public static void showToast(javafx.scene.Scene scene, Notification n) {
        Window window = scene.getWindow();
        if (window == null || !window.isShowing()) {
            return;
        }
        Label subject = new Label(n.subject());
        subject.getStyleClass().add("subject");
        Label body = new Label(n.body().lines().findFirst().orElse(""));
        body.getStyleClass().add("body");
        VBox box = new VBox(subject, body);
        box.getStyleClass().addAll("root", "toast"); // a popup has its own scene: "root" gets the theme's colours
        box.getStylesheets().addAll(scene.getRoot().getStylesheets());
        box.getStylesheets().add(NotificationsView.class.getResource("NotificationsView.css").toExternalForm());
        box.setId("toast");
        Popup popup = new Popup();
        popup.getContent().add(box);
        popup.setAutoHide(true);
        popup.setConsumeAutoHidingEvents(false); // the click that hides it still reaches the window
        popup.show(window, window.getX() + window.getWidth() - 380, window.getY() + window.getHeight() - 110);
        PauseTransition wait = new PauseTransition(Duration.seconds(5));
        wait.setOnFinished(event -> popup.hide());
        wait.play();
    }

    @Override
    public void close() {
        poll.stop();
        viewModel.close();
    }

    /** A notification: subject, body, when; for the outbox also where it goes and its delivery state. */
    private final class NotificationCell extends ListCell<Notification> {
        private final boolean outbox;
        private final Label subject = new Label();
        private final Label detail = new Label();
        private final Label state = new Label();
        private final VBox box = new VBox(2, subject, detail);

        NotificationCell(boolean outbox) {
            this.outbox = outbox;
            getStyleClass().add("notification-cell");
            setPrefWidth(0); // follow the list's width and wrap
            subject.getStyleClass().add("subject");
            detail.getStyleClass().add("detail");
            detail.setWrapText(true);
            state.getStyleClass().add("state");
            state.setWrapText(true);
            if (outbox) {
                box.getChildren().add(state);
            }
        }

        @Override
        protected void updateItem(Notification n, boolean empty) {
            super.updateItem(n, empty);
            for (String s : List.of("pending", "sent", "failed")) {
                pseudoClassStateChanged(PseudoClass.getPseudoClass(s), !empty && n != null && n.state().label().equals(s));
            }
            if (empty || n == null) {
                setGraphic(null);
                pseudoClassStateChanged(UNREAD, false);
                return;
            }
            subject.setText(n.subject());
            String when = WHEN.format(n.createdAt());
            detail.setText(outbox ? n.channel().label() + " → " + n.address() + " · " + when
                    : when + " · " + n.body().lines().findFirst().orElse(""));
            if (outbox) {
                state.setText(switch (n.state()) {
                    case PENDING -> n.attempts() == 0 ? text.getString("outbox.state.pending-new")
                            : MessageFormat.format(text.getString("outbox.state.pending"), n.attempts(), n.lastError());
                    case SENT -> MessageFormat.format(text.getString("outbox.state.sent"),
                            n.sentAt() == null ? "" : WHEN.format(n.sentAt()));
                    case FAILED -> MessageFormat.format(text.getString("outbox.state.failed"), n.attempts(), n.lastError());
                });
            }
            pseudoClassStateChanged(UNREAD, !outbox && n.unread());
            setGraphic(box);
        }
    }
}
