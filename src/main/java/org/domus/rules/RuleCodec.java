package org.domus.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.domus.model.DeviceAddress;
import org.domus.model.Durations;
import org.domus.model.SeriesPath;
import org.domus.model.Severity;
import org.domus.store.StoredRule;

/**
 * A rule's definition as the store keeps it, in JSON:
 * <pre>{"trigger": {"type": "threshold", "series": "demo/kitchen/freezer/temperature", "direction": "above",
 *  "limit": -15, "hysteresis": 1, "for": "5m"},
 *  "conditions": [{"type": "time-window", "from": "22:00", "to": "06:00"}],
 *  "actions": [{"type": "alert", "severity": "warning", "message": "Freezer too warm"}]}</pre>
 * Reading fails with {@link IllegalArgumentException} and a one-line reason.
 */
public final class RuleCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleCodec() {
    }

    public static StoredRule toStored(Rule rule, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.set("trigger", trigger(rule.trigger()));
        ArrayNode conditions = root.putArray("conditions");
        rule.conditions().forEach(c -> conditions.add(condition(c)));
        ArrayNode actions = root.putArray("actions");
        rule.actions().forEach(a -> actions.add(action(a)));
        return new StoredRule(rule.id(), rule.name(), rule.house(), rule.enabled(), root.toString(), now);
    }

    public static Rule fromStored(StoredRule stored) {
        JsonNode root;
        try {
            root = JSON.readTree(stored.definition());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rule \"" + stored.name() + "\" is not valid JSON: "
                    + e.getOriginalMessage());
        }
        try {
            List<Condition> conditions = new ArrayList<>();
            for (JsonNode node : root.path("conditions")) {
                conditions.add(condition(node));
            }
            List<RuleAction> actions = new ArrayList<>();
            for (JsonNode node : root.path("actions")) {
                actions.add(action(node));
            }
            return new Rule(stored.id(), stored.name(), stored.house(), stored.enabled(), trigger(root.path("trigger")),
                    conditions, actions);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("rule \"" + stored.name() + "\": " + e.getMessage(), e);
        }
    }

    private static ObjectNode trigger(Trigger trigger) {
        ObjectNode node = JSON.createObjectNode();
        switch (trigger) {
            case Trigger.Threshold t -> {
                node.put("type", "threshold").put("series", t.series().toString())
                        .put("direction", t.direction().label()).put("limit", t.limit())
                        .put("hysteresis", t.hysteresis()).put("for", Durations.format(t.forAtLeast()));
            }
            case Trigger.StateChange s -> {
                node.put("type", "state-change").put("series", s.series().toString()).put("to", s.to())
                        .put("for", Durations.format(s.forAtLeast()));
                if (s.from() != null) {
                    node.put("from", s.from());
                }
            }
            case Trigger.DeviceOffline d -> {
                node.put("type", "device-offline").put("after", Durations.format(d.after()));
                if (d.device() != null) {
                    node.put("device", d.device().toString());
                }
            }
            case Trigger.Schedule s -> node.put("type", "schedule").put("cron", s.cron());
            case Trigger.HouseEvent h -> node.put("type", "house-event")
                    .put("kind", h.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .put("rate", h.ratePerMinute()).put("for", Durations.format(h.forAtLeast()));
        }
        return node;
    }

    private static Trigger trigger(JsonNode node) {
        String type = text(node, "type");
        return switch (type) {
            case "threshold" -> new Trigger.Threshold(series(node, "series"),
                    Trigger.Direction.valueOf(text(node, "direction").toUpperCase(Locale.ROOT)),
                    number(node, "limit"), node.path("hysteresis").asDouble(0), duration(node, "for"));
            case "state-change" -> new Trigger.StateChange(series(node, "series"), text(node, "to"),
                    node.path("from").asText(null), duration(node, "for"));
            case "device-offline" -> new Trigger.DeviceOffline(device(node.path("device").asText(null)),
                    duration(node, "after"));
            case "schedule" -> new Trigger.Schedule(text(node, "cron"));
            case "house-event" -> new Trigger.HouseEvent(
                    HouseSignal.Kind.valueOf(text(node, "kind").toUpperCase(Locale.ROOT).replace('-', '_')),
                    node.path("rate").asDouble(0), duration(node, "for"));
            default -> throw new IllegalArgumentException("unknown trigger type \"" + type + "\"");
        };
    }

    private static ObjectNode condition(Condition condition) {
        ObjectNode node = JSON.createObjectNode();
        switch (condition) {
            case Condition.TimeWindow w -> node.put("type", "time-window").put("from", w.from().toString())
                    .put("to", w.to().toString());
            case Condition.AttributeIs a -> node.put("type", "attribute").put("series", a.series().toString())
                    .put("comparison", a.comparison().label()).put("value", a.value());
        }
        return node;
    }

    private static Condition condition(JsonNode node) {
        String type = text(node, "type");
        return switch (type) {
            case "time-window" -> new Condition.TimeWindow(time(text(node, "from")), time(text(node, "to")));
            case "attribute" -> new Condition.AttributeIs(series(node, "series"),
                    Condition.Comparison.parse(text(node, "comparison")), text(node, "value"));
            default -> throw new IllegalArgumentException("unknown condition type \"" + type + "\"");
        };
    }

    private static ObjectNode action(RuleAction action) {
        ObjectNode node = JSON.createObjectNode();
        switch (action) {
            case RuleAction.SendCommand c -> node.put("type", "command").put("series", c.series().toString())
                    .put("value", c.value());
            case RuleAction.RaiseAlert a -> node.put("type", "alert").put("severity", a.severity().label())
                    .put("message", a.message());
            case RuleAction.Notify n -> node.put("type", "notify").put("subject", n.subject()).put("body", n.body());
        }
        return node;
    }

    private static RuleAction action(JsonNode node) {
        String type = text(node, "type");
        return switch (type) {
            case "command" -> new RuleAction.SendCommand(series(node, "series"), text(node, "value"));
            case "alert" -> new RuleAction.RaiseAlert(Severity.parse(text(node, "severity")),
                    node.path("message").asText(""));
            case "notify" -> new RuleAction.Notify(node.path("subject").asText(""), node.path("body").asText(""));
            default -> throw new IllegalArgumentException("unknown action type \"" + type + "\"");
        };
    }

    /** Parses {@code house/room/device}; null or blank is null. */
    public static DeviceAddress device(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.strip().split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("device \"" + text + "\" must be house/room/device");
        }
        return new DeviceAddress(parts[0], parts[1], parts[2]);
    }

    /** Parses {@code HH:MM}. */
    public static LocalTime time(String text) {
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a time such as 22:00");
        }
    }

    /** Parses {@code 5m}, {@code 30s}; blank is zero. */
    public static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        return Durations.parse(text).orElseThrow(() -> new IllegalArgumentException(
                "\"" + text + "\" is not a duration such as 30s, 5m, 2h or 1d"));
    }

    private static Duration duration(JsonNode node, String field) {
        return duration(node.path(field).asText(""));
    }

    private static SeriesPath series(JsonNode node, String field) {
        return SeriesPath.parse(text(node, field));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing");
        }
        return value.asText();
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a number");
        }
        return value.asDouble();
    }
}
