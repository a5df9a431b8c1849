package org.domus.sim.definition;

import org.domus.model.Durations;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One JSON value of a definition file with where it is ({@code file} and dotted {@code path}), so that every
 * problem is reported as one line naming both. Missing values are a {@link JsonNode#isMissingNode() missing node}.
 */
record Field(String file, String path, JsonNode node) {

    static Field root(String file, JsonNode node) {
        return new Field(file, "", node);
    }

    Field get(String name) {
        JsonNode child = node.isObject() ? node.path(name) : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        return new Field(file, path.isEmpty() ? name : path + "." + name, child);
    }

    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    DefinitionException fail(String problem) {
        return new DefinitionException(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    Field requireObject() {
        if (!node.isObject()) {
            throw fail(present() ? "must be a JSON object" : "is missing");
        }
        return this;
    }

    /** Refuses keys other than {@code known}: a misspelt field is an error, not silently ignored. */
    Field allowOnly(Set<String> known) {
        requireObject();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw get(name).fail("unknown field (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return this;
    }

    /** The object's members, in file order. */
    List<Map.Entry<String, Field>> members() {
        requireObject();
        List<Map.Entry<String, Field>> members = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> members.add(Map.entry(name, get(name))));
        return members;
    }

    List<Field> elements() {
        if (!node.isArray()) {
            throw fail(present() ? "must be a JSON array" : "is missing");
        }
        List<Field> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(new Field(file, path + "[" + i + "]", node.get(i)));
        }
        return elements;
    }

    String text() {
        if (!node.isTextual()) {
            throw fail(present() ? "must be a string" : "is missing");
        }
        return node.asText();
    }

    Optional<String> optionalText() {
        return present() ? Optional.of(text()) : Optional.empty();
    }

    String slug() {
        String text = text();
        if (!org.domus.model.Slugs.isValid(text)) {
            throw fail("\"" + text + "\" is not a slug (lower-case letters, digits and '-', starting with a letter or digit)");
        }
        return text;
    }

    double number() {
        if (!node.isNumber()) {
            throw fail(present() ? "must be a number" : "is missing");
        }
        double value = node.asDouble();
        if (!Double.isFinite(value)) {
            throw fail("must be a finite number");
        }
        return value;
    }

    Double optionalNumber() {
        return present() ? number() : null;
    }

    double number(double fallback) {
        return present() ? number() : fallback;
    }

    double positiveNumber() {
        double value = number();
        if (value <= 0) {
            throw fail("must be greater than 0");
        }
        return value;
    }

    int integer(int fallback, int min, int max) {
        if (!present()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw fail("must be a whole number from " + min + " to " + max);
        }
        return node.asInt();
    }

    boolean bool(boolean fallback) {
        if (!present()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw fail("must be true or false");
        }
        return node.asBoolean();
    }

    Duration duration() {
        String text = node.isTextual() ? node.asText() : null;
        if (text == null) {
            throw fail(present() ? "must be a duration in quotes, such as \"30s\"" : "is missing");
        }
        return Durations.parse(text).orElseThrow(() ->
                fail("\"" + text + "\" is not a duration (use ms, s, m, h or d, such as \"500ms\" or \"30s\")"));
    }

    Duration duration(Duration fallback) {
        return present() ? duration() : fallback;
    }

    Duration positiveDuration(Duration fallback) {
        Duration value = duration(fallback);
        if (value.isZero() || value.isNegative()) {
            throw fail("must be longer than 0");
        }
        return value;
    }

    /** A scalar as the simulator holds values: Double, Boolean or String. */
    Object scalar() {
        if (node.isNumber()) {
            return number();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual()) {
            return node.asText();
        }
        throw fail(present() ? "must be a number, true/false or a string" : "is missing");
    }
}
