package org.domus.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.domus.access.InvalidPinException.Reason;
import org.domus.store.Database;
import org.domus.store.PasswordHasher;
import org.domus.store.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer PIN on a real store. */
class InstallerAccessTest {

    private static final PasswordHasher CHEAP = new PasswordHasher(64, 1, 1);

    @TempDir
    Path dir;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    InstallerAccess access;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        access = new InstallerAccess(db.settings(), CHEAP, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void setsTheFirstPinOnceAndStoresOnlyItsHash() {
        assertFalse(access.pinIsSet());
        access.setFirstPin("2468".toCharArray(), "2468".toCharArray());
        assertTrue(access.pinIsSet());
        String stored = db.settings().get(InstallerAccess.PIN_SETTING).orElseThrow();
        assertTrue(stored.startsWith("$argon2id$") && !stored.contains("2468"), stored);
        InvalidPinException again = assertThrows(InvalidPinException.class,
                () -> access.setFirstPin("1111".toCharArray(), "1111".toCharArray()));
        assertEquals(Reason.ALREADY_SET, again.reason());
    }

    @Test
    void refusesAPinThatIsShortNotDigitsOrNotConfirmed() {
        assertEquals(Reason.LENGTH, refusal("123", "123"));
        assertEquals(Reason.LENGTH, refusal("1234567890123", "1234567890123"));
        assertEquals(Reason.NOT_DIGITS, refusal("12a4", "12a4"));
        assertEquals(Reason.MISMATCH, refusal("1234", "1243"));
        assertFalse(access.pinIsSet());
    }

    @Test
    void theRightPinIsGrantedAndAWrongOneSaysHowManyTriesAreLeft() {
        access.setFirstPin("2468".toCharArray(), "2468".toCharArray());
        assertEquals(new PinAttempt.Wrong(4), access.check("1357".toCharArray()));
        assertEquals(new PinAttempt.Wrong(3), access.check("".toCharArray()));
        assertInstanceOf(PinAttempt.Granted.class, access.check("2468".toCharArray()));
        assertEquals(new PinAttempt.Wrong(4), access.check("0000".toCharArray()), "a right PIN resets the count");
    }

    @Test
    void pausesAfterFiveWrongPinsLongerEachTimeEvenForTheRightPin() {
        access.setFirstPin("2468".toCharArray(), "2468".toCharArray());
        for (int i = 0; i < 4; i++) {
            assertInstanceOf(PinAttempt.Wrong.class, access.check("0000".toCharArray()));
        }
        assertEquals(new PinAttempt.Locked(Duration.ofSeconds(30)), access.check("0000".toCharArray()));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(new PinAttempt.Locked(Duration.ofSeconds(20)), access.check("2468".toCharArray()));
        clock.advance(Duration.ofSeconds(20));
        assertEquals(new PinAttempt.Locked(Duration.ofSeconds(60)), access.check("0000".toCharArray()));
        clock.advance(Duration.ofSeconds(60));
        assertInstanceOf(PinAttempt.Granted.class, access.check("2468".toCharArray()));
        assertEquals(new PinAttempt.Wrong(4), access.check("0000".toCharArray()));
    }

    @Test
    void thePinAndThePausePersistAcrossARestartOfTheStore() {
        access.setFirstPin("2468".toCharArray(), "2468".toCharArray());
        for (int i = 0; i < 5; i++) {
            access.check("0000".toCharArray());
        }
        db.close();
        db = Database.open(dir.resolve("domus.db"), StoreOptions.defaults());
        access = new InstallerAccess(db.settings(), CHEAP, clock);

        assertTrue(access.pinIsSet());
        assertInstanceOf(PinAttempt.Locked.class, access.check("2468".toCharArray()), "a restart keeps the pause");
        clock.advance(Duration.ofSeconds(31));
        assertInstanceOf(PinAttempt.Granted.class, access.check("2468".toCharArray()));
    }

    @Test
    void changesThePinOnlyWithTheCurrentOne() {
        access.setFirstPin("2468".toCharArray(), "2468".toCharArray());
        assertEquals(new PinAttempt.Wrong(4), access.changePin("1111".toCharArray(), "9999".toCharArray(),
                "9999".toCharArray()));
        assertInstanceOf(PinAttempt.Granted.class, access.changePin("2468".toCharArray(), "9999".toCharArray(),
                "9999".toCharArray()));
        assertInstanceOf(PinAttempt.Granted.class, access.check("9999".toCharArray()));
        assertInstanceOf(PinAttempt.Wrong.class, access.check("2468".toCharArray()));
    }

    private Reason refusal(String pin, String confirmation) {
        return assertThrows(InvalidPinException.class,
                () -> access.setFirstPin(pin.toCharArray(), confirmation.toCharArray())).reason();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
