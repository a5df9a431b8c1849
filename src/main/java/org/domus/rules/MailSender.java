package org.domus.rules;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import org.domus.model.Notification;

/** Sends e-mail notifications over SMTP with Jakarta Mail (Angus Mail), with the settings of the moment. */
public final class MailSender implements NotificationSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Supplier<MailSettings> settings;

    /** @param settings read before each mail, so a change in the console applies to the next one */
    public MailSender(Supplier<MailSettings> settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void send(Notification notification) throws DeliveryException {
        send(settings.get(), notification.address(), notification.subject(), notification.body(),
                notification.traceId());
    }

    /** Sends one mail with {@code config}; throws with one clear line (never the password) when it cannot. */
    public static void send(MailSettings config, String to, String subject, String body, String traceId)
            throws DeliveryException {
        if (!config.configured()) {
            throw new DeliveryException("No mail server is set up (server and sender address are needed).");
        }
        Properties properties = new Properties();
        String protocol = config.security() == MailSettings.Security.TLS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        properties.put("mail.transport.protocol", protocol);
        properties.put(prefix + "host", config.host());
        properties.put(prefix + "port", Integer.toString(config.effectivePort()));
        properties.put(prefix + "auth", Boolean.toString(!config.username().isEmpty()));
        properties.put(prefix + "connectiontimeout", Long.toString(TIMEOUT.toMillis()));
        properties.put(prefix + "timeout", Long.toString(TIMEOUT.toMillis()));
        properties.put(prefix + "writetimeout", Long.toString(TIMEOUT.toMillis()));
        if (config.security() == MailSettings.Security.STARTTLS) {
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
        }
        if (config.security() != MailSettings.Security.NONE) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
        }
        Session session = Session.getInstance(properties);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(config.from(), true));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            message.setSubject(subject, "UTF-8");
            message.setText(body, "UTF-8");
            message.setSentDate(new Date());
            if (traceId != null) {
                message.setHeader("X-Domus-Trace-Id", traceId);
            }
            try (Transport transport = session.getTransport(protocol)) {
                if (config.username().isEmpty()) {
                    transport.connect();
                } else {
                    transport.connect(config.username(), config.password());
                }
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (AddressException e) {
            throw new DeliveryException("\"" + e.getRef() + "\" is not an e-mail address.", e);
        } catch (MessagingException e) {
            throw new DeliveryException("The mail server " + config.host() + ":" + config.effectivePort()
                    + " did not take the mail: " + describe(e) + ".", e);
        }
    }

    private static String describe(Throwable error) {
        String text = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        Throwable cause = error.getCause();
        if (cause != null && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text += " (" + cause.getMessage() + ")";
        }
        return text.replaceAll("\\s+", " ").strip();
    }
}
