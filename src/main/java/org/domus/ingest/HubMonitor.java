package org.domus.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.domus.model.Hub;
import org.domus.model.InboundMessage;
import org.domus.model.ProblemLog;
import org.domus.model.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each house's hub, online or offline, from {@code domus/{house}/hub/bridge} (the Mosquitto bridge's
 * notifications: {@code 1} when it connects, {@code 0} as its will) and {@code domus/{house}/hub/status} (a hub's
 * own {@code online}/{@code offline}, its will); last seen from any message of the hub. Fed by ingest on broker
 * threads; listeners are told of changes on those threads. Thread-safe.
 */
public final class HubMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(HubMonitor.class);
    /** "Last seen" moves at most this often without a change of state, so that listeners are not told per message. */
    private static final Duration SEEN_RESOLUTION = Duration.ofSeconds(1);

    private final ConcurrentHashMap<String, HubStatus> statuses = new ConcurrentHashMap<>();
    private final List<HubStatusListener> listeners = new CopyOnWriteArrayList<>();
    private final ProblemLog problems = new ProblemLog(LOG, 60_000);

    public void addListener(HubStatusListener listener) {
        listeners.add(listener);
    }

    public void removeListener(HubStatusListener listener) {
        listeners.remove(listener);
    }

    /** Every hub heard from since the console started, by house. */
    public List<HubStatus> statuses() {
        return statuses.values().stream().sorted(Comparator.comparing(HubStatus::house)).toList();
    }

    public Optional<HubStatus> status(String house) {
        return Optional.ofNullable(statuses.get(house));
    }

    /** A message on {@code domus/{house}/hub{rest}}. */
    void onHubTopic(InboundMessage message, String house, String rest) {
        String payload = new String(message.payload(), StandardCharsets.UTF_8).strip().toLowerCase(Locale.ROOT);
        HubStatus.State state = switch (rest) {
            case "/bridge" -> switch (payload) {
                case "1" -> HubStatus.State.ONLINE;
                case "0" -> HubStatus.State.OFFLINE;
                default -> unreadable(message, payload, "1 or 0");
            };
            case "/status" -> switch (payload) {
                case "online", "1" -> HubStatus.State.ONLINE;
                case "offline", "0" -> HubStatus.State.OFFLINE;
                default -> unreadable(message, payload, "online or offline");
            };
            default -> null; // the hub's telemetry (hub/state/…) or commands to it (hub/cmd/…)
        };
        boolean fromConsole = message.house() == null;
        if (state == null && fromConsole) {
            return; // a command the console sent the hub says nothing of the hub
        }
        update(house, state, message.receivedAt());
    }

    /** Any message of the house: counts as the hub being seen when its bridge sent it. */
    void onHouseMessage(InboundMessage message, String house) {
        String clientId = message.clientId();
        if (clientId.startsWith("hub-") && clientId.equals(Hub.usernameFor(house))) {
            update(house, null, message.receivedAt());
        }
    }

    private HubStatus.State unreadable(InboundMessage message, String payload, String expected) {
        problems.report("hub:" + message.topic(), "Ignored hub status \"" + Printable.of(payload, 40) + "\" on "
                + message.topic() + ": expected " + expected);
        return null;
    }

    /** {@code state} null: the hub was seen, its state unchanged. */
    private void update(String house, HubStatus.State state, Instant at) {
        HubStatus[] change = new HubStatus[1];
        statuses.compute(house, (key, old) -> {
            HubStatus before = old == null ? HubStatus.unknown(house) : old;
            HubStatus.State next = state == null ? before.state() : state;
            // Online again after the console saw it (offline, or online: it went and came back unseen).
            boolean reconnected = state == HubStatus.State.ONLINE && before.state() != HubStatus.State.UNKNOWN;
            long reconnects = before.reconnects() + (reconnected ? 1 : 0);
            // The will (offline) arrives as the hub goes: it does not count as seeing it.
            Instant seen = state == HubStatus.State.OFFLINE ? before.lastSeen() : at;
            boolean seenMoved = seen != null && (before.lastSeen() == null
                    || Duration.between(before.lastSeen(), seen).compareTo(SEEN_RESOLUTION) >= 0);
            if (next == before.state() && !reconnected && !seenMoved) {
                return old;
            }
            change[0] = new HubStatus(house, next, seenMoved ? seen : before.lastSeen(), reconnects);
            return change[0];
        });
        if (change[0] == null) {
            return;
        }
        if (state != null) {
            LOG.info("Hub of house {} is {} ({} reconnects)", house, change[0].state().name().toLowerCase(Locale.ROOT),
                    change[0].reconnects());
        }
        for (HubStatusListener listener : listeners) {
            listener.onHubStatus(change[0]);
        }
    }
}
