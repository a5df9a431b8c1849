package org.domus.access;

import java.time.Duration;
import java.util.Objects;

/** The outcome of entering the installer PIN. */
public sealed interface PinAttempt {

    /** The PIN was right: installer mode. */
    record Granted() implements PinAttempt {
    }

    /** The PIN was wrong; {@code triesLeft} more before entry pauses. */
    record Wrong(int triesLeft) implements PinAttempt {
        public Wrong {
            if (triesLeft < 0) {
                throw new IllegalArgumentException("triesLeft < 0");
            }
        }
    }

    /** Too many wrong PINs: no PIN is checked for {@code remaining}. */
    record Locked(Duration remaining) implements PinAttempt {
        public Locked {
            Objects.requireNonNull(remaining, "remaining");
        }
    }
}
