package org.domus.sim.model;

import java.util.Objects;

/** What a device makes of a command before obeying it: the value it will take, or a one-line refusal. */
public sealed interface CommandCheck {

    /** The command is possible; {@code value} is in canonical form (an enum in its choice's spelling). */
    record Accepted(String attribute, Object value) implements CommandCheck {
        public Accepted {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The command is impossible; {@code reason} is one line for the error answer. */
    record Refused(String attribute, String reason) implements CommandCheck {
        public Refused {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
