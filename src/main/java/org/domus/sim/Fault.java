package org.domus.sim;

import java.time.Duration;
import java.util.Objects;

/** A fault injected into one simulated device ({@link SimulatorRuntime#injectFault}). */
public sealed interface Fault {

    /**
     * The device drops off the network abruptly (its TCP connection closes without DISCONNECT), so the broker
     * publishes its last will {@code offline}. It comes back after {@code backAfter}, or stays away until
     * {@link Recover} when that is null.
     */
    record Offline(Duration backAfter) implements Fault {
    }

    /** The device publishes one malformed payload (broken JSON) on one of its state topics. */
    record Malformed() implements Fault {
    }

    /** The device's values freeze: it keeps publishing them unchanged and ignores commands. */
    record Stuck() implements Fault {
    }

    /** The device obeys commands {@code extra} later than its type's delay. */
    record LateAnswers(Duration extra) implements Fault {
        public LateAnswers {
            Objects.requireNonNull(extra, "extra");
            if (extra.isNegative()) {
                throw new IllegalArgumentException("a delay cannot be negative");
            }
        }
    }

    /** The device receives commands but never obeys or answers them (the console sees them time out). */
    record Mute() implements Fault {
    }

    /** Clears every fault: values move again, commands are answered, an offline device reconnects. */
    record Recover() implements Fault {
    }
}
