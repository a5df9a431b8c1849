package org.domus.ingest;

import java.util.Objects;
import org.domus.model.SeriesPath;

/** Where a topic of the contract leads; see DESIGN.md, "Topic contract". */
public sealed interface TopicRoute {

    /** {@code domus/h/r/d/a}: state or telemetry of one attribute (a device's {@code status} included). */
    record State(SeriesPath series) implements TopicRoute {
        public State {
            Objects.requireNonNull(series, "series");
        }
    }

    /** {@code domus/h/r/d/a/set}: a command to a device. */
    record Command(SeriesPath series) implements TopicRoute {
        public Command {
            Objects.requireNonNull(series, "series");
        }
    }

    /** {@code domus/h/hub/…}: the house hub's own status, bridge notifications, telemetry and commands. */
    record Hub(String house, String rest) implements TopicRoute {
    }

    /** {@code domus/h/raw/…}: a vendor topic bridged from the hub, for the adapters. */
    record Raw(String house, String vendorTopic) implements TopicRoute {
    }

    /** Not a topic of the contract; {@code reason} is one line. */
    record Invalid(String reason) implements TopicRoute {
    }
}
