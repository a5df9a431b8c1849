package org.domus.ui.notifications;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.net.URL;
import java.util.Optional;
import org.domus.model.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desktop notifications in the operating system's tray, where it has one (Windows, macOS, most Linux desktops;
 * not a bare X server): one tray icon while the console runs, a balloon per new notification. Any thread.
 */
public final class SystemTrayNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SystemTrayNotifier.class);

    private final TrayIcon icon;

    private SystemTrayNotifier(TrayIcon icon) {
        this.icon = icon;
    }

    /** The tray icon, added; empty when this desktop has no tray (then the in-app toast is all there is). */
    public static Optional<SystemTrayNotifier> install(String tooltip) {
        if (GraphicsEnvironment.isHeadless()) {
            return Optional.empty();
        }
        try {
            if (!SystemTray.isSupported()) {
                LOG.info("This desktop has no system tray: notifications show inside the console only");
                return Optional.empty();
            }
            URL image = SystemTrayNotifier.class.getResource("/org/domus/ui/icon/domus-32.png");
            if (image == null) {
                return Optional.empty();
            }
            TrayIcon icon = new TrayIcon(Toolkit.getDefaultToolkit().getImage(image), tooltip);
            icon.setImageAutoSize(true);
            SystemTray.getSystemTray().add(icon);
            return Optional.of(new SystemTrayNotifier(icon));
        } catch (AWTException | RuntimeException | LinkageError e) {
            LOG.info("The system tray cannot be used ({}): notifications show inside the console only",
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Shows {@code notification} as the tray's balloon. */
    public void show(Notification notification) {
        String body = notification.body().lines().findFirst().orElse("");
        EventQueue.invokeLater(() -> icon.displayMessage(notification.subject(), body, TrayIcon.MessageType.INFO));
    }

    @Override
    public void close() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }
}
