package org.domus.ingest.vendor;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.domus.model.Printable;

/**
 * The basics of Home Assistant's Jinja templates that discovery configs use in practice: {@code {{ value }}},
 * {@code {{ value_json.a.b }}}, {@code value_json['a']}, {@code value_json.list[0]}, one arithmetic step with a
 * number ({@code {{ value_json.power / 1000 }}}), and the filters {@code float}, {@code int}, {@code round(n)},
 * {@code lower}, {@code upper}, {@code trim}, {@code string}, {@code default(x)}. Anything else (conditions,
 * {@code {% %}} blocks) is refused with a one-line reason. Pure and thread-safe.
 */
final class HaTemplate {

    private static final Pattern EXPRESSION = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern ARITHMETIC = Pattern.compile("^(.*?)\\s*([*/+-])\\s*(-?[0-9]+(?:\\.[0-9]+)?)$");
    private static final Pattern ACCESSOR = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*'([^']*)'\\s*]"
            + "|\\[\\s*\"([^\"]*)\"\\s*]|\\[\\s*([0-9]+)\\s*]");
    private static final Pattern FILTER = Pattern.compile("([a-z_]+)\\s*(?:\\((.*)\\))?");

    private HaTemplate() {
    }

    /**
     * Renders a value template against a received payload: the value, or empty when the payload lacks what the
     * template reads (a JSON key shared state topics leave out, say).
     */
    static Optional<String> value(String template, String payload) {
        if (template == null || template.isBlank()) {
            return Optional.of(payload.strip());
        }
        return render(template, payload);
    }

    /** Renders a command template with {@code value} being the value to send. */
    static String command(String template, String value) {
        if (template == null || template.isBlank()) {
            return value;
        }
        return render(template, value).orElse(value);
    }

    private static Optional<String> render(String template, String payload) {
        if (template.contains("{%")) {
            throw unsupported(template);
        }
        Matcher m = EXPRESSION.matcher(template);
        StringBuilder out = new StringBuilder();
        int last = 0;
        Object[] json = new Object[1];
        while (m.find()) {
            out.append(template, last, m.start());
            Optional<String> result = expression(m.group(1).strip(), payload, json, template);
            if (result.isEmpty()) {
                return Optional.empty();
            }
            out.append(result.get());
            last = m.end();
        }
        out.append(template.substring(last));
        return Optional.of(out.toString().strip());
    }

    private static Optional<String> expression(String text, String payload, Object[] json, String template) {
        String[] parts = text.split("\\|");
        String base = parts[0].strip();
        String operator = null;
        double operand = 0;
        Matcher arithmetic = ARITHMETIC.matcher(base);
        if (arithmetic.matches() && !arithmetic.group(1).isBlank()) {
            base = arithmetic.group(1).strip();
            operator = arithmetic.group(2);
            operand = Double.parseDouble(arithmetic.group(3));
        }
        if (base.startsWith("(") && base.endsWith(")")) {
            base = base.substring(1, base.length() - 1).strip();
        }
        Object current;
        if (base.equals("value")) {
            current = payload;
        } else if (base.startsWith("value_json")) {
            JsonNode node = json(payload, json);
            String path = base.substring("value_json".length());
            Matcher accessor = ACCESSOR.matcher(path);
            int at = 0;
            while (at < path.length()) {
                if (!accessor.find(at) || accessor.start() != at) {
                    throw unsupported(template);
                }
                if (accessor.group(4) != null) {
                    node = node.path(Integer.parseInt(accessor.group(4)));
                } else {
                    String key = accessor.group(1) != null ? accessor.group(1)
                            : accessor.group(2) != null ? accessor.group(2) : accessor.group(3);
                    node = node.path(key);
                }
                at = accessor.end();
            }
            current = node.isMissingNode() || node.isNull() ? null : node;
        } else {
            throw unsupported(template);
        }
        if (current instanceof JsonNode node) {
            current = node.isContainerNode() ? node.toString() : Values.scalarText(node);
        }
        if (operator != null && current != null) {
            double v = Values.number(current, "the templated value");
            current = Values.format(switch (operator) {
                case "*" -> v * operand;
                case "/" -> v / operand;
                case "+" -> v + operand;
                default -> v - operand;
            });
        }
        for (int i = 1; i < parts.length; i++) {
            Matcher filter = FILTER.matcher(parts[i].strip());
            if (!filter.matches()) {
                throw unsupported(template);
            }
            String argument = filter.group(2) == null ? null : filter.group(2).strip();
            current = switch (filter.group(1)) {
                case "float" -> current == null ? literal(argument) : Values.format(Values.number(current, "the value"));
                case "int" -> current == null ? literal(argument)
                        : Long.toString((long) Values.number(current, "the value"));
                case "round" -> current == null ? null : Values.format(Values.round(Values.number(current, "the value"),
                        argument == null || argument.isEmpty() ? 0 : Integer.parseInt(argument.split(",")[0].strip())));
                case "lower" -> current == null ? null : current.toString().toLowerCase(Locale.ROOT);
                case "upper" -> current == null ? null : current.toString().toUpperCase(Locale.ROOT);
                case "trim" -> current == null ? null : current.toString().strip();
                case "string", "is_defined" -> current;
                case "default", "d" -> current == null ? literal(argument) : current;
                default -> throw unsupported(template);
            };
        }
        return Optional.ofNullable(current).map(Object::toString);
    }

    private static JsonNode json(String payload, Object[] cache) {
        if (cache[0] == null) {
            try {
                cache[0] = Values.JSON.readTree(payload);
            } catch (JsonProcessingException e) {
                throw new VendorPayloadException("the payload is not the JSON its value_template reads");
            }
            if (cache[0] == null) {
                throw new VendorPayloadException("the payload is not the JSON its value_template reads");
            }
        }
        return (JsonNode) cache[0];
    }

    private static String literal(String argument) {
        if (argument == null || argument.isEmpty()) {
            return null;
        }
        if (argument.length() >= 2 && (argument.startsWith("'") && argument.endsWith("'")
                || argument.startsWith("\"") && argument.endsWith("\""))) {
            return argument.substring(1, argument.length() - 1);
        }
        return argument;
    }

    private static VendorPayloadException unsupported(String template) {
        return new VendorPayloadException("unsupported template " + Printable.of(template, 60));
    }
}
