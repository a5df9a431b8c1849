package org.domus.ingest.vendor;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.domus.model.AttributeKind;
import org.domus.store.AttributeDeclaration;

/**
 * One attribute of a vendor device: its description, and how it maps onto the vendor's topics. Only Home
 * Assistant discovery needs {@code stateTopic}/{@code template}/{@code commandTopic}; the other conventions derive
 * topics from the device id. {@code params} holds what the adapter needs to decode and encode values
 * (the vendor's property or component, payloads for on and off, scales). Persisted as JSON in the binding.
 */
record AttributeSpec(String name, AttributeKind kind, String unit, boolean writable, Double min, Double max,
                     List<String> choices, String stateTopic, String template, String commandTopic,
                     Map<String, String> params) {

    AttributeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        unit = unit == null ? "" : unit;
        choices = choices == null ? List.of() : List.copyOf(choices);
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    }

    static AttributeSpec numeric(String name, String unit, boolean writable, Double min, Double max) {
        return new AttributeSpec(name, AttributeKind.NUMERIC, unit, writable, min, max, null, null, null, null, null);
    }

    static AttributeSpec onOff(String name, boolean writable) {
        return new AttributeSpec(name, AttributeKind.ENUM, "", writable, null, null, List.of("ON", "OFF"), null, null,
                null, null);
    }

    static AttributeSpec bool(String name) {
        return new AttributeSpec(name, AttributeKind.BOOLEAN, "", false, null, null, null, null, null, null, null);
    }

    static AttributeSpec enumeration(String name, boolean writable, List<String> choices) {
        return new AttributeSpec(name, AttributeKind.ENUM, "", writable, null, null, choices, null, null, null, null);
    }

    static AttributeSpec text(String name, boolean writable) {
        return new AttributeSpec(name, AttributeKind.TEXT, "", writable, null, null, null, null, null, null, null);
    }

    /** {@code status}: online/offline, as Domus's own devices report it. */
    static AttributeSpec status() {
        return enumeration("status", false, List.of("online", "offline"));
    }

    /** {@code contact}: open/closed. */
    static AttributeSpec contact() {
        return enumeration("contact", false, List.of("open", "closed"));
    }

    /** {@code color}: {@code #rrggbb}. */
    static AttributeSpec color(boolean writable) {
        return text("color", writable);
    }

    AttributeSpec named(String newName) {
        return new AttributeSpec(newName, kind, unit, writable, min, max, choices, stateTopic, template, commandTopic,
                params);
    }

    AttributeSpec withParams(Map<String, String> more) {
        Map<String, String> merged = new TreeMap<>(params);
        merged.putAll(more);
        return new AttributeSpec(name, kind, unit, writable, min, max, choices, stateTopic, template, commandTopic,
                merged);
    }

    AttributeSpec withTopics(String newStateTopic, String newTemplate, String newCommandTopic) {
        return new AttributeSpec(name, kind, unit, writable, min, max, choices, newStateTopic, newTemplate,
                newCommandTopic, params);
    }

    String param(String key) {
        return params.get(key);
    }

    String param(String key, String fallback) {
        return params.getOrDefault(key, fallback);
    }

    AttributeDeclaration declaration() {
        return new AttributeDeclaration(name, kind, unit, writable, min, max, choices);
    }
}
