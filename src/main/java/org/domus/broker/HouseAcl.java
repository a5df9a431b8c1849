package org.domus.broker;

import java.util.Optional;

/**
 * The house is the security boundary: a client of house H may publish and subscribe only under
 * {@code domus/H/#}. The console may use all of {@code domus/#}.
 */
public final class HouseAcl {

    private static final String ROOT = "domus/";

    private HouseAcl() {
    }

    /** Why {@code identity} may not publish to {@code topic}, or empty when it may. */
    public static Optional<String> publishProblem(ClientIdentity identity, String topic) {
        if (topic == null || topic.isEmpty()) {
            return Optional.of("the topic is empty");
        }
        if (topic.indexOf('\0') >= 0) {
            return Optional.of("the topic contains a NUL character");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return Optional.of("a topic to publish to cannot contain the wildcards + or #");
        }
        return scopeProblem(identity, topic);
    }

    /** Why {@code identity} may not subscribe to {@code filter}, or empty when it may. */
    public static Optional<String> subscribeProblem(ClientIdentity identity, String filter) {
        if (filter == null || filter.isEmpty()) {
            return Optional.of("the topic filter is empty");
        }
        if (filter.indexOf('\0') >= 0) {
            return Optional.of("the topic filter contains a NUL character");
        }
        return scopeProblem(identity, filter);
    }

    private static Optional<String> scopeProblem(ClientIdentity identity, String topic) {
        if (identity.role() == ClientIdentity.Role.CONSOLE) {
            return topic.startsWith(ROOT) || topic.equals("domus") ? Optional.empty()
                    : Optional.of("outside domus/#");
        }
        String houseRoot = ROOT + identity.house();
        if (topic.equals(houseRoot) || topic.startsWith(houseRoot + "/")) {
            return Optional.empty();
        }
        return Optional.of("outside " + houseRoot + "/#, the only topics of " + identity.describe());
    }
}
