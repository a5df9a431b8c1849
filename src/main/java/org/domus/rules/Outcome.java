package org.domus.rules;

import java.time.Instant;
import java.util.Objects;

/** What the evaluation of a rule produced: it fired, or what had fired is over. */
public sealed interface Outcome {

    Rule rule();

    /** What the firing is about, for alerts: one rule and one subject (a series, a device, the house). */
    String key();

    String subject();

    Instant at();

    /**
     * The rule fired. {@code cause} is one line saying why; {@code traceId} is the trace id of the message that
     * made it fire when it carried one, otherwise a new one.
     */
    record Fired(Rule rule, String key, String subject, String cause, String traceId, Instant at) implements Outcome {
        public Fired {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(traceId, "traceId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** What the rule fired for is over (the value came back, the device is online again). */
    record Cleared(Rule rule, String key, String subject, String cause, Instant at) implements Outcome {
        public Cleared {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(at, "at");
        }
    }
}
