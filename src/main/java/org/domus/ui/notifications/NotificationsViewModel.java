package org.domus.ui.notifications;

import java.text.MessageFormat;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.domus.model.Notification;
import org.domus.model.NotificationChannel;
import org.domus.model.Recipient;
import org.domus.rules.DeliveryException;
import org.domus.rules.MailSender;
import org.domus.rules.MailSettings;
import org.domus.rules.NotificationListener;
import org.domus.rules.NotificationService;
import org.domus.store.SettingRepository;

/**
 * The notification centre (desktop notifications with their unread count, the outbox of e-mail and webhook
 * deliveries with their status) and the settings of mail and recipients. Store and network work runs on
 * {@code background}; results come back through {@code toFx}. Properties are read and commands called on the FX
 * thread, except {@link #close}.
 */
public final class NotificationsViewModel implements AutoCloseable {

    private static final int SHOWN = 200;

    private final NotificationService notifications;
    private final SettingRepository settings;
    private final Executor background;
    private final Executor toFx;
    private final ResourceBundle text;
    private final NotificationListener listener;

    private final ObservableList<Notification> centre = FXCollections.observableArrayList();
    private final ObservableList<Notification> outbox = FXCollections.observableArrayList();
    private final ObservableList<Recipient> recipients = FXCollections.observableArrayList();
    private final IntegerProperty unread = new SimpleIntegerProperty();
    private final ObjectProperty<Notification> toast = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty problem = new SimpleBooleanProperty(false);

    // Mail settings form.
    public final StringProperty smtpHost = new SimpleStringProperty("");
    public final StringProperty smtpPort = new SimpleStringProperty("");
    public final ObjectProperty<MailSettings.Security> smtpSecurity = new SimpleObjectProperty<>(MailSettings.Security.STARTTLS);
    public final StringProperty smtpUser = new SimpleStringProperty("");
    public final StringProperty smtpPassword = new SimpleStringProperty("");
    public final StringProperty smtpFrom = new SimpleStringProperty("");
    public final StringProperty testAddress = new SimpleStringProperty("");

    // Recipient form.
    public final StringProperty recipientName = new SimpleStringProperty("");
    public final StringProperty recipientEmail = new SimpleStringProperty("");
    public final StringProperty recipientWebhook = new SimpleStringProperty("");
    public final BooleanProperty byEmail = new SimpleBooleanProperty(true);
    public final BooleanProperty byWebhook = new SimpleBooleanProperty(false);
    private long editingRecipient;

    public NotificationsViewModel(NotificationService notifications, SettingRepository settings, Executor background,
                                  Executor toFx, ResourceBundle text) {
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(background, "background");
        this.background = task -> background.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // The store refused (closed, full, damaged): one line for the user, nothing else stops.
                toFx.execute(() -> say(e.getMessage() == null ? e.toString() : e.getMessage(), true));
            }
        });
        this.toFx = Objects.requireNonNull(toFx, "toFx");
        this.text = Objects.requireNonNull(text, "text");
        this.listener = n -> toFx.execute(() -> {
            toast.set(n);
            refresh();
        });
        notifications.addListener(listener);
    }

    public ObservableList<Notification> centre() {
        return centre;
    }

    public ObservableList<Notification> outbox() {
        return outbox;
    }

    public ObservableList<Recipient> recipients() {
        return recipients;
    }

    public ReadOnlyIntegerProperty unreadProperty() {
        return unread;
    }

    /** The newest desktop notification, for a toast. */
    public ReadOnlyObjectProperty<Notification> toastProperty() {
        return toast;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty problemProperty() {
        return problem;
    }

    /** Reads the notifications, the outbox and the recipients again. */
    public void refresh() {
        background.execute(() -> {
            List<Notification> desktop = notifications.recent(NotificationChannel.DESKTOP, SHOWN);
            List<Notification> all = notifications.recent(null, SHOWN).stream()
                    .filter(n -> n.channel() != NotificationChannel.DESKTOP).toList();
            List<Recipient> people = notifications.recipients();
            int count = notifications.unread();
            toFx.execute(() -> {
                centre.setAll(desktop);
                outbox.setAll(all);
                recipients.setAll(people);
                unread.set(count);
            });
        });
    }

    /** Fills the mail form from the store. */
    public void loadSettings() {
        background.execute(() -> {
            MailSettings current = MailSettings.load(settings);
            toFx.execute(() -> {
                smtpHost.set(current.host());
                smtpPort.set(current.port() == 0 ? "" : Integer.toString(current.port()));
                smtpSecurity.set(current.security());
                smtpUser.set(current.username());
                smtpPassword.set(current.password());
                smtpFrom.set(current.from());
            });
        });
    }

    public void markAllRead() {
        background.execute(() -> {
            notifications.markRead(null);
            refresh();
        });
    }

    public void markRead(Notification notification) {
        if (notification == null || !notification.unread()) {
            return;
        }
        background.execute(() -> {
            notifications.markRead(notification.id());
            refresh();
        });
    }

    public void saveSettings() {
        MailSettings mail = mailSettings();
        if (mail == null) {
            return;
        }
        background.execute(() -> {
            mail.save(settings);
            toFx.execute(() -> say(text.getString("message.settings-saved"), false));
        });
    }

    /** Sends a test mail with the form's settings (saved or not); tells the outcome in one line. */
    public void sendTestMail() {
        MailSettings mail = mailSettings();
        if (mail == null) {
            return;
        }
        String to = testAddress.get() == null ? "" : testAddress.get().strip();
        if (to.isEmpty()) {
            say(text.getString("problem.test-address"), true);
            return;
        }
        say(MessageFormat.format(text.getString("message.sending"), to), false);
        background.execute(() -> {
            try {
                MailSender.send(mail, to, text.getString("test-mail.subject"), text.getString("test-mail.body"), null);
                toFx.execute(() -> say(MessageFormat.format(text.getString("message.test-sent"), to), false));
            } catch (DeliveryException e) {
                toFx.execute(() -> say(MessageFormat.format(text.getString("message.test-failed"), e.getMessage()), true));
            }
        });
    }

    public void editRecipient(Recipient recipient) {
        if (recipient == null) {
            return;
        }
        editingRecipient = recipient.id();
        recipientName.set(recipient.name());
        recipientEmail.set(recipient.email());
        recipientWebhook.set(recipient.webhook());
        byEmail.set(recipient.channels().contains(NotificationChannel.EMAIL));
        byWebhook.set(recipient.channels().contains(NotificationChannel.WEBHOOK));
    }

    public void newRecipient() {
        editingRecipient = 0;
        recipientName.set("");
        recipientEmail.set("");
        recipientWebhook.set("");
        byEmail.set(true);
        byWebhook.set(false);
    }

    public void saveRecipient() {
        Set<NotificationChannel> channels = EnumSet.noneOf(NotificationChannel.class);
        if (byEmail.get()) {
            channels.add(NotificationChannel.EMAIL);
        }
        if (byWebhook.get()) {
            channels.add(NotificationChannel.WEBHOOK);
        }
        Recipient recipient;
        try {
            recipient = new Recipient(editingRecipient, recipientName.get().strip(), recipientEmail.get(),
                    recipientWebhook.get(), channels, true);
        } catch (IllegalArgumentException e) {
            say(MessageFormat.format(text.getString("message.cannot-save"), e.getMessage()), true);
            return;
        }
        background.execute(() -> {
            Recipient saved = notifications.saveRecipient(recipient);
            toFx.execute(() -> {
                editingRecipient = saved.id();
                say(MessageFormat.format(text.getString("message.recipient-saved"), saved.name()), false);
            });
            refresh();
        });
    }

    public void deleteRecipient(Recipient recipient) {
        if (recipient == null) {
            return;
        }
        background.execute(() -> {
            notifications.deleteRecipient(recipient.id());
            toFx.execute(this::newRecipient);
            refresh();
        });
    }

    private MailSettings mailSettings() {
        try {
            String port = smtpPort.get() == null ? "" : smtpPort.get().strip();
            int number;
            try {
                number = port.isEmpty() ? 0 : Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(MessageFormat.format(text.getString("problem.port"), port));
            }
            return new MailSettings(smtpHost.get(), number, smtpSecurity.get(), smtpUser.get(), smtpPassword.get(),
                    smtpFrom.get());
        } catch (IllegalArgumentException e) {
            say(MessageFormat.format(text.getString("message.cannot-save"), e.getMessage()), true);
            return null;
        }
    }

    private void say(String line, boolean isProblem) {
        message.set(line);
        problem.set(isProblem);
    }

    @Override
    public void close() {
        notifications.removeListener(listener);
    }
}
