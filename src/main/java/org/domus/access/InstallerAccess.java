package org.domus.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.domus.access.InvalidPinException.Reason;
import org.domus.store.PasswordHasher;
import org.domus.store.SettingRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installer's PIN: set once (on the first switch to installer mode), stored only as an Argon2id hash in the
 * store's settings, checked when someone switches to installer mode. After {@link #FREE_TRIES} wrong PINs in a row
 * entry pauses for 30 seconds, and each further wrong PIN doubles the pause (up to 15 minutes); a right PIN
 * ends it. The count and the pause are kept in the store too, so restarting the console does not reset them.
 *
 * <p>Every method may take tens of milliseconds (the hash): call it off the FX thread. The PIN arrays are
 * wiped after use. Thread-safe.
 */
public final class InstallerAccess {

    public static final int MIN_DIGITS = 4;
    public static final int MAX_DIGITS = 12;
    /** Wrong PINs in a row before entry pauses. */
    public static final int FREE_TRIES = 5;
    static final String PIN_SETTING = "installer.pin";
    static final String FAILURES_SETTING = "installer.pin.failures";
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(30);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(InstallerAccess.class);

    private final SettingRepository settings;
    private final PasswordHasher hasher;
    private final Clock clock;

    // Guarded by this.
    private int failures;
    private int pauses;
    private Instant pausedUntil = Instant.EPOCH;

    public InstallerAccess(SettingRepository settings, PasswordHasher hasher, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        loadFailures();
    }

    /** Whether a PIN was set; if not, the first switch to installer mode sets one. */
    public boolean pinIsSet() {
        return settings.get(PIN_SETTING).isPresent();
    }

    /** Sets the first PIN; refused when one is already set (use {@link #changePin}). */
    public synchronized void setFirstPin(char[] pin, char[] confirmation) {
        try {
            if (pinIsSet()) {
                throw new InvalidPinException(Reason.ALREADY_SET, "An installer PIN is already set.");
            }
            store(pin, confirmation);
            LOG.info("The installer PIN was set");
        } finally {
            wipe(pin, confirmation);
        }
    }

    /**
     * Replaces the PIN, given the current one; a wrong current PIN counts as a wrong try. Returns the check of the
     * current PIN: the new one is stored only when it is {@link PinAttempt.Granted}.
     */
    public synchronized PinAttempt changePin(char[] current, char[] pin, char[] confirmation) {
        try {
            validate(pin, confirmation);
            PinAttempt attempt = check(current);
            if (attempt instanceof PinAttempt.Granted) {
                store(pin, confirmation);
                LOG.info("The installer PIN was changed");
            }
            return attempt;
        } finally {
            wipe(current, pin, confirmation);
        }
    }

    /** Checks a PIN for the switch to installer mode. */
    public synchronized PinAttempt check(char[] pin) {
        try {
            Instant now = clock.instant();
            if (now.isBefore(pausedUntil)) {
                return new PinAttempt.Locked(Duration.between(now, pausedUntil));
            }
            Optional<String> hash = settings.get(PIN_SETTING);
            if (hash.isPresent() && hasher.verify(pin, hash.get())) {
                if (failures > 0 || pauses > 0) {
                    failures = 0;
                    pauses = 0;
                    pausedUntil = Instant.EPOCH;
                    settings.remove(FAILURES_SETTING);
                }
                LOG.info("Installer mode: PIN accepted");
                return new PinAttempt.Granted();
            }
            failures++;
            PinAttempt outcome;
            if (failures >= FREE_TRIES) {
                Duration pause = pause(pauses++);
                pausedUntil = now.plus(pause);
                failures = FREE_TRIES - 1; // one more wrong PIN after the pause pauses again, longer
                outcome = new PinAttempt.Locked(pause);
                LOG.warn("Installer PIN: too many wrong tries, entry paused for {} s", pause.toSeconds());
            } else {
                outcome = new PinAttempt.Wrong(FREE_TRIES - failures);
                LOG.info("Installer PIN: wrong ({} tries left)", FREE_TRIES - failures);
            }
            settings.put(FAILURES_SETTING, failures + "," + pauses + "," + pausedUntil.toEpochMilli());
            return outcome;
        } finally {
            wipe(pin);
        }
    }

    private static Duration pause(int earlierPauses) {
        Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.min(earlierPauses, 10));
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    private void store(char[] pin, char[] confirmation) {
        validate(pin, confirmation);
        settings.put(PIN_SETTING, hasher.hash(pin));
    }

    private static void validate(char[] pin, char[] confirmation) {
        if (pin.length < MIN_DIGITS || pin.length > MAX_DIGITS) {
            throw new InvalidPinException(Reason.LENGTH, "The PIN must have " + MIN_DIGITS + " to " + MAX_DIGITS
                    + " digits.");
        }
        for (char c : pin) {
            if (c < '0' || c > '9') {
                throw new InvalidPinException(Reason.NOT_DIGITS, "The PIN may hold only the digits 0 to 9.");
            }
        }
        if (!Arrays.equals(pin, confirmation)) {
            throw new InvalidPinException(Reason.MISMATCH, "The two PINs differ.");
        }
    }

    private void loadFailures() {
        Optional<String> stored = settings.get(FAILURES_SETTING);
        if (stored.isEmpty()) {
            return;
        }
        String[] parts = stored.get().split(",", -1);
        try {
            failures = Math.max(0, Math.min(FREE_TRIES - 1, Integer.parseInt(parts[0])));
            pauses = Math.max(0, Math.min(30, Integer.parseInt(parts[1])));
            pausedUntil = Instant.ofEpochMilli(Long.parseLong(parts[2]));
        } catch (RuntimeException e) {
            LOG.warn("The stored count of wrong installer PINs is unreadable; starting from a pause");
            failures = FREE_TRIES - 1;
            pausedUntil = clock.instant().plus(FIRST_PAUSE);
        }
    }

    private static void wipe(char[]... secrets) {
        for (char[] secret : secrets) {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }
}
