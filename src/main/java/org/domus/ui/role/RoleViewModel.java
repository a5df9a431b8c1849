package org.domus.ui.role;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.domus.access.InstallerAccess;
import org.domus.access.InvalidPinException;
import org.domus.access.PinAttempt;
import org.domus.model.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is at the console: the homeowner (the default) or the installer, behind a PIN. {@link #installerModeProperty}
 * is what the shell binds installer-only screens to (credentials, hub provisioning, raw topics, simulator faults).
 *
 * <p>Switching: {@link #beginSwitch} finds whether a PIN is set and moves {@link #stepProperty} to
 * {@link Step#SET_PIN} (first time: choose one, twice) or {@link Step#ENTER_PIN}; {@link #submitNewPin} or
 * {@link #submitPin} then check it on {@code background} (Argon2id takes tens of milliseconds) and either switch
 * (step back to {@link Step#IDLE}) or say why not in {@link #messageProperty}. Properties change and commands are
 * called on the FX thread (tests: the test thread, {@code Runnable::run} for both executors).
 */
public final class RoleViewModel {

    /** Where a switch to installer mode stands. */
    public enum Step { IDLE, SET_PIN, ENTER_PIN, CHANGE_PIN }

    private static final Logger LOG = LoggerFactory.getLogger(RoleViewModel.class);

    private final InstallerAccess access;
    private final Locale locale;
    private final ResourceBundle bundle;
    private final Executor background;
    private final Executor fx;

    private final ReadOnlyObjectWrapper<Role> role = new ReadOnlyObjectWrapper<>(this, "role", Role.HOMEOWNER);
    private final BooleanBinding installer = Bindings.createBooleanBinding(() -> role.get() == Role.INSTALLER, role);
    private final ReadOnlyBooleanWrapper installerMode = new ReadOnlyBooleanWrapper(this, "installerMode");
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(this, "step", Step.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);

    public RoleViewModel(InstallerAccess access, Locale locale, Executor background, Executor fx) {
        this.access = Objects.requireNonNull(access, "access");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.bundle = ResourceBundle.getBundle("org.domus.ui.role.messages", locale);
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        installerMode.bind(installer);
    }

    public String text(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }

    public ReadOnlyObjectProperty<Role> roleProperty() {
        return role.getReadOnlyProperty();
    }

    /** True in installer mode: installer-only screens show. */
    public ReadOnlyBooleanProperty installerModeProperty() {
        return installerMode.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** Why the last PIN was not accepted, one sentence; empty otherwise. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while a PIN is checked. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Starts a switch to installer mode: asks for the PIN, or for a new one the first time. */
    public void beginSwitch() {
        if (role.get() == Role.INSTALLER || busy.get()) {
            return;
        }
        message.set("");
        busy.set(true);
        background.execute(() -> {
            boolean set;
            try {
                set = access.pinIsSet();
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            fx.execute(() -> {
                busy.set(false);
                step.set(set ? Step.ENTER_PIN : Step.SET_PIN);
            });
        });
    }

    /** The first PIN, typed twice. The arrays are wiped. */
    public void submitNewPin(char[] pin, char[] confirmation) {
        if (step.get() != Step.SET_PIN || busy.get()) {
            wipe(pin, confirmation);
            return;
        }
        busy.set(true);
        background.execute(() -> {
            try {
                access.setFirstPin(pin, confirmation);
                fx.execute(this::granted);
            } catch (InvalidPinException e) {
                String sentence = text("pin." + e.reason().name());
                boolean alreadySet = e.reason() == InvalidPinException.Reason.ALREADY_SET;
                fx.execute(() -> {
                    busy.set(false);
                    message.set(sentence);
                    if (alreadySet) {
                        step.set(Step.ENTER_PIN);
                    }
                });
            } catch (RuntimeException e) {
                fail(e);
            } finally {
                wipe(pin, confirmation);
            }
        });
    }

    /** The PIN, to switch. The array is wiped. */
    public void submitPin(char[] pin) {
        if (step.get() != Step.ENTER_PIN || busy.get()) {
            wipe(pin);
            return;
        }
        busy.set(true);
        background.execute(() -> {
            try {
                PinAttempt attempt = access.check(pin);
                fx.execute(() -> {
                    switch (attempt) {
                        case PinAttempt.Granted granted -> granted();
                        case PinAttempt.Wrong wrong -> refused(text("wrong", wrong.triesLeft()));
                        case PinAttempt.Locked locked -> refused(text("locked", duration(locked.remaining())));
                    }
                });
            } catch (RuntimeException e) {
                fail(e);
            } finally {
                wipe(pin);
            }
        });
    }

    /** In installer mode: asks for the current PIN and a new one (twice). */
    public void beginChangePin() {
        if (role.get() != Role.INSTALLER || busy.get()) {
            return;
        }
        message.set("");
        step.set(Step.CHANGE_PIN);
    }

    /** The current PIN and the new one, twice. The arrays are wiped. */
    public void submitPinChange(char[] current, char[] pin, char[] confirmation) {
        if (step.get() != Step.CHANGE_PIN || busy.get()) {
            wipe(current, pin, confirmation);
            return;
        }
        busy.set(true);
        background.execute(() -> {
            try {
                PinAttempt attempt = access.changePin(current, pin, confirmation);
                fx.execute(() -> {
                    switch (attempt) {
                        case PinAttempt.Granted granted -> {
                            busy.set(false);
                            message.set("");
                            step.set(Step.IDLE);
                            LOG.info("The installer PIN was changed from the console");
                        }
                        case PinAttempt.Wrong wrong -> refused(text("wrong", wrong.triesLeft()));
                        case PinAttempt.Locked locked -> refused(text("locked", duration(locked.remaining())));
                    }
                });
            } catch (InvalidPinException e) {
                String sentence = text("pin." + e.reason().name());
                fx.execute(() -> refused(sentence));
            } catch (RuntimeException e) {
                fail(e);
            } finally {
                wipe(current, pin, confirmation);
            }
        });
    }

    /** Gives up the switch (the dialog was closed). */
    public void cancel() {
        step.set(Step.IDLE);
        message.set("");
    }

    /** Back to homeowner mode at once; no PIN needed. */
    public void leaveInstallerMode() {
        role.set(Role.HOMEOWNER);
        step.set(Step.IDLE);
        message.set("");
        LOG.info("Homeowner mode");
    }

    /**
     * Installer mode without asking again: the installer was let in already and only the window changed around
     * them (the shell is rebuilt in another language).
     */
    public void continueInstallerMode() {
        granted();
    }

    private void granted() {
        busy.set(false);
        message.set("");
        step.set(Step.IDLE);
        role.set(Role.INSTALLER);
    }

    private void refused(String sentence) {
        busy.set(false);
        message.set(""); // the same sentence twice still tells the dialog (it clears the fields)
        message.set(sentence);
    }

    private void fail(RuntimeException e) {
        LOG.warn("The installer PIN could not be checked: {}", e.getMessage());
        LOG.debug("PIN check failure", e);
        String sentence = text("failed");
        fx.execute(() -> refused(sentence));
    }

    private String duration(Duration remaining) {
        long seconds = Math.max(1, (remaining.toMillis() + 999) / 1000);
        return seconds < 120 ? text("seconds", seconds) : text("minutes", (seconds + 59) / 60);
    }

    private static void wipe(char[]... secrets) {
        for (char[] secret : secrets) {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }
}
