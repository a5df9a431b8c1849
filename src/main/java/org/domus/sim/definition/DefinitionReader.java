package org.domus.sim.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.domus.model.AttributeKind;
import org.domus.model.Slugs;
import org.domus.sim.definition.HouseDefinition.DeviceDefinition;
import org.domus.sim.definition.HouseDefinition.FloorDefinition;
import org.domus.sim.definition.HouseDefinition.RoomDefinition;

/**
 * Reads device-type and house files (the schema is {@code sample-devices/README.md}) into validated records.
 * Every problem is a {@link DefinitionException} whose message is one line naming the file and the field.
 * Thread-safe.
 */
public final class DefinitionReader {

    /** Vendor dialects a house device may speak. */
    public static final Set<String> DIALECTS = Set.of("tasmota", "zigbee2mqtt", "shelly", "homeassistant");

    static final Duration DEFAULT_PUBLISH_EVERY = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPE_FIELDS = Set.of("type", "name", "description", "attributes", "command-delay");
    private static final Set<String> ATTRIBUTE_FIELDS = Set.of("kind", "unit", "min", "max", "choices", "pattern",
            "decimals", "writable", "publish-every", "initial", "generator", "description");
    private static final Set<String> HOUSE_FIELDS = Set.of("house", "name", "zone", "floors", "rooms", "description");
    private static final Set<String> FLOOR_FIELDS = Set.of("name", "level", "rooms");
    private static final Set<String> ROOM_FIELDS = Set.of("room", "name", "devices");
    private static final Set<String> DEVICE_FIELDS = Set.of("device", "name", "type", "dialect", "vendor-id", "initial");

    private DefinitionReader() {
    }

    // ------------------------------------------------------------------ types

    /** A device type from its JSON text; {@code file} names it in messages ({@code types/thermostat.json}). */
    public static DeviceType readType(String file, String json) {
        Field root = Field.root(file, parse(file, json)).allowOnly(TYPE_FIELDS);
        String slug = root.get("type").slug();
        String expected = baseName(file);
        if (expected != null && !expected.equals(slug)) {
            throw root.get("type").fail("\"" + slug + "\" must match the file name (" + expected + ")");
        }
        String name = root.get("name").text();
        String description = root.get("description").optionalText().orElse("");
        DelayRange delay = delay(root.get("command-delay"));
        Field attributesField = root.get("attributes");
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Map.Entry<String, Field> member : attributesField.members()) {
            attributes.add(attribute(member.getKey(), member.getValue()));
        }
        if (attributes.isEmpty()) {
            throw attributesField.fail("needs at least one attribute");
        }
        checkReferences(attributes, attributesField);
        return new DeviceType(slug, name, description, attributes, delay);
    }

    private static DelayRange delay(Field field) {
        if (!field.present()) {
            return DelayRange.DEFAULT;
        }
        field.allowOnly(Set.of("min", "max"));
        Duration min = field.get("min").duration();
        Duration max = field.get("max").duration(min);
        if (max.compareTo(min) < 0) {
            throw field.get("max").fail("must not be shorter than min");
        }
        return new DelayRange(min, max);
    }

    private static AttributeDefinition attribute(String name, Field field) {
        if (!Slugs.isValid(name)) {
            throw field.fail("the attribute name is not a slug (lower-case letters, digits and '-')");
        }
        field.allowOnly(ATTRIBUTE_FIELDS);
        String kindText = field.get("kind").text();
        AttributeKind kind;
        try {
            kind = AttributeKind.fromCode(kindText);
        } catch (IllegalArgumentException e) {
            throw field.get("kind").fail("\"" + kindText + "\" is not one of numeric, boolean, enum, text");
        }
        String unit = field.get("unit").optionalText().orElse("");
        Double min = field.get("min").optionalNumber();
        Double max = field.get("max").optionalNumber();
        if (kind != AttributeKind.NUMERIC && (min != null || max != null)) {
            throw field.get(min != null ? "min" : "max").fail("only numeric attributes have bounds");
        }
        if (min != null && max != null && min > max) {
            throw field.get("min").fail("is above max");
        }
        List<String> choices = new ArrayList<>();
        Field choicesField = field.get("choices");
        if (kind == AttributeKind.ENUM) {
            for (Field choice : choicesField.elements()) {
                String text = choice.text();
                if (text.isBlank() || choices.contains(text)) {
                    throw choice.fail(text.isBlank() ? "is blank" : "\"" + text + "\" is listed twice");
                }
                choices.add(text);
            }
            if (choices.isEmpty()) {
                throw choicesField.fail("an enum needs at least one choice");
            }
        } else if (choicesField.present()) {
            throw choicesField.fail("only enum attributes have choices");
        }
        String pattern = field.get("pattern").optionalText().orElse(null);
        if (pattern != null) {
            if (kind != AttributeKind.TEXT) {
                throw field.get("pattern").fail("only text attributes have a pattern");
            }
            try {
                java.util.regex.Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw field.get("pattern").fail("is not a regular expression: " + e.getDescription());
            }
        }
        int decimals = field.get("decimals").integer(1, 0, 6);
        boolean writable = field.get("writable").bool(false);
        Duration publishEvery = field.get("publish-every").positiveDuration(DEFAULT_PUBLISH_EVERY);
        // A provisional definition (constant generator, placeholder initial) to check values against.
        AttributeDefinition shape = new AttributeDefinition(name, kind, unit, writable, min, max, choices, pattern,
                decimals, publishEvery, placeholder(kind, choices), new Generator.Constant(placeholder(kind, choices)));
        Generator generator = field.get("generator").present()
                ? generator(field.get("generator"), shape)
                : null;
        Object initial;
        if (field.get("initial").present()) {
            initial = value(field.get("initial"), shape);
        } else {
            initial = defaultInitial(kind, choices, min, max, generator);
            try {
                initial = AttributeValues.coerce(shape, initial);
            } catch (IllegalArgumentException e) {
                throw field.get("initial").fail("is needed: the default " + AttributeValues.text(initial)
                        + " does not fit (" + e.getMessage() + ")");
            }
        }
        if (generator == null) {
            generator = new Generator.Constant(initial);
        }
        return new AttributeDefinition(name, kind, unit, writable, min, max, choices, pattern, decimals,
                publishEvery, initial, generator);
    }

    private static Object placeholder(AttributeKind kind, List<String> choices) {
        return switch (kind) {
            case NUMERIC -> 0.0;
            case BOOLEAN -> false;
            case ENUM -> choices.getFirst();
            case TEXT -> "";
        };
    }

    private static Object defaultInitial(AttributeKind kind, List<String> choices, Double min, Double max,
                                         Generator generator) {
        if (generator != null) {
            Object fromGenerator = switch (generator) {
                case Generator.Constant c -> c.value();
                case Generator.Event e -> e.idle();
                case Generator.DailyCurve d -> d.mean();
                case Generator.Uniform u -> (u.min() + u.max()) / 2;
                case Generator.RandomWalk w -> middle(w.min() != null ? w.min() : min, w.max() != null ? w.max() : max);
                case Generator.Follow f -> f.otherwise();
                case Generator.Linear l -> l.offset();
                case Generator.Depends d -> defaultInitial(kind, choices, min, max, d.otherwise());
                case Generator.Integral i -> null;
                case Generator.Ramp r -> null;
            };
            if (fromGenerator != null) {
                return fromGenerator;
            }
        }
        return switch (kind) {
            case NUMERIC -> min != null ? min : max != null && max < 0 ? max : 0.0;
            case BOOLEAN -> false;
            case ENUM -> choices.getFirst();
            case TEXT -> "";
        };
    }

    private static Double middle(Double min, Double max) {
        if (min != null && max != null) {
            return (min + max) / 2;
        }
        return min != null ? min : max;
    }

    private static Object value(Field field, AttributeDefinition attribute) {
        try {
            return AttributeValues.coerce(attribute, field.scalar());
        } catch (IllegalArgumentException e) {
            throw field.fail(e.getMessage());
        }
    }

    private static Generator generator(Field field, AttributeDefinition attribute) {
        String type = field.get("type").text();
        boolean numeric = attribute.kind() == AttributeKind.NUMERIC;
        Generator generator = switch (type) {
            case "constant" -> {
                field.allowOnly(Set.of("type", "value"));
                yield new Generator.Constant(value(field.get("value"), attribute));
            }
            case "random" -> {
                field.allowOnly(Set.of("type", "min", "max"));
                double min = field.get("min").number();
                double max = field.get("max").number();
                if (min > max) {
                    throw field.get("min").fail("is above max");
                }
                yield new Generator.Uniform(min, max);
            }
            case "random-walk" -> {
                field.allowOnly(Set.of("type", "step", "drift-per-hour", "min", "max"));
                double step = field.get("step").number();
                if (step < 0) {
                    throw field.get("step").fail("must not be negative");
                }
                Double min = field.get("min").optionalNumber();
                Double max = field.get("max").optionalNumber();
                if (min != null && max != null && min > max) {
                    throw field.get("min").fail("is above max");
                }
                yield new Generator.RandomWalk(step, field.get("drift-per-hour").number(0), min, max);
            }
            case "daily-curve" -> {
                field.allowOnly(Set.of("type", "mean", "amplitude", "peak-hour", "noise"));
                double peak = field.get("peak-hour").number(15);
                if (peak < 0 || peak >= 24) {
                    throw field.get("peak-hour").fail("must be from 0 to 24 (exclusive)");
                }
                double noise = field.get("noise").number(0);
                if (noise < 0) {
                    throw field.get("noise").fail("must not be negative");
                }
                yield new Generator.DailyCurve(field.get("mean").number(), field.get("amplitude").number(0), peak, noise);
            }
            case "follow" -> {
                field.allowOnly(Set.of("type", "source", "time-constant", "when", "otherwise", "noise"));
                String source = field.get("source").slug();
                Duration tau = field.get("time-constant").positiveDuration(null);
                String whenAttribute = null;
                Object whenValue = null;
                Field when = field.get("when");
                if (when.present()) {
                    List<Map.Entry<String, Field>> members = when.members();
                    if (members.size() != 1) {
                        throw when.fail("must name exactly one attribute and its value, such as {\"mode\": \"heat\"}");
                    }
                    whenAttribute = members.getFirst().getKey();
                    whenValue = members.getFirst().getValue().scalar();
                }
                double otherwise = field.get("otherwise").number(when.present() ? Double.NaN : 0);
                if (Double.isNaN(otherwise)) {
                    throw field.get("otherwise").fail("is needed with \"when\": the value approached otherwise");
                }
                double noise = field.get("noise").number(0);
                yield new Generator.Follow(source, tau, whenAttribute, whenValue, otherwise, Math.abs(noise));
            }
            case "ramp" -> {
                field.allowOnly(Set.of("type", "speed"));
                yield new Generator.Ramp(field.get("speed").positiveNumber());
            }
            case "event" -> {
                field.allowOnly(Set.of("type", "mean-interval", "hold", "active", "idle"));
                Duration interval = field.get("mean-interval").positiveDuration(null);
                Duration hold = field.get("hold").positiveDuration(null);
                Object active = field.get("active").present() ? value(field.get("active"), attribute)
                        : attribute.kind() == AttributeKind.BOOLEAN ? Boolean.TRUE : null;
                Object idle = field.get("idle").present() ? value(field.get("idle"), attribute)
                        : attribute.kind() == AttributeKind.BOOLEAN ? Boolean.FALSE : null;
                if (active == null || idle == null) {
                    throw field.get(active == null ? "active" : "idle")
                            .fail("is needed for a " + attribute.kind().code() + " attribute");
                }
                yield new Generator.Event(interval, hold, active, idle);
            }
            case "integral" -> {
                field.allowOnly(Set.of("type", "of", "divisor"));
                yield new Generator.Integral(field.get("of").slug(), field.get("divisor").present()
                        ? field.get("divisor").positiveNumber() : 3_600_000.0);
            }
            case "linear" -> {
                field.allowOnly(Set.of("type", "of", "factor", "offset"));
                yield new Generator.Linear(field.get("of").slug(), field.get("factor").number(1),
                        field.get("offset").number(0));
            }
            case "depends" -> {
                field.allowOnly(Set.of("type", "on", "cases", "otherwise"));
                String on = field.get("on").slug();
                Map<String, Generator> cases = new LinkedHashMap<>();
                Field casesField = field.get("cases");
                if (casesField.present()) {
                    for (Map.Entry<String, Field> member : casesField.members()) {
                        cases.put(member.getKey(), generator(member.getValue(), attribute));
                    }
                }
                yield new Generator.Depends(on, cases, generator(field.get("otherwise").requireObject(), attribute));
            }
            default -> throw field.get("type").fail("\"" + type + "\" is not one of constant, random, random-walk,"
                    + " daily-curve, follow, ramp, event, integral, linear, depends");
        };
        boolean needsNumeric = !(generator instanceof Generator.Constant || generator instanceof Generator.Event
                || generator instanceof Generator.Depends);
        if (needsNumeric && !numeric) {
            throw field.get("type").fail("\"" + type + "\" needs a numeric attribute, not " + attribute.kind().code());
        }
        return generator;
    }

    /** Every attribute a generator reads exists, is another attribute, and the conditions name valid values. */
    private static void checkReferences(List<AttributeDefinition> attributes, Field attributesField) {
        Map<String, AttributeDefinition> byName = new HashMap<>();
        attributes.forEach(a -> byName.put(a.name(), a));
        for (AttributeDefinition attribute : attributes) {
            Field generatorField = attributesField.get(attribute.name()).get("generator");
            for (String read : attribute.generator().reads()) {
                AttributeDefinition source = byName.get(read);
                if (source == null) {
                    throw generatorField.fail("reads \"" + read + "\", which this type does not have");
                }
                if (read.equals(attribute.name())) {
                    throw generatorField.fail("cannot read its own attribute");
                }
            }
            checkSources(attribute.generator(), byName, generatorField);
            if (attribute.generator() instanceof Generator.Ramp && !attribute.writable()) {
                throw generatorField.fail("a ramp moves towards commanded targets: the attribute must be writable");
            }
        }
    }

    private static void checkSources(Generator generator, Map<String, AttributeDefinition> byName, Field field) {
        switch (generator) {
            case Generator.Follow f -> {
                requireNumeric(byName.get(f.source()), field.get("source"));
                if (f.whenAttribute() != null) {
                    AttributeDefinition condition = byName.get(f.whenAttribute());
                    try {
                        AttributeValues.coerce(condition, f.whenValue());
                    } catch (IllegalArgumentException e) {
                        throw field.get("when").fail(e.getMessage());
                    }
                }
            }
            case Generator.Integral i -> requireNumeric(byName.get(i.source()), field.get("of"));
            case Generator.Linear l -> requireNumeric(byName.get(l.source()), field.get("of"));
            case Generator.Depends d -> {
                AttributeDefinition on = byName.get(d.on());
                for (String value : d.cases().keySet()) {
                    try {
                        AttributeValues.coerce(on, on.kind() == AttributeKind.NUMERIC ? (Object) value : value);
                    } catch (IllegalArgumentException e) {
                        throw field.get("cases").get(value).fail(e.getMessage());
                    }
                }
                d.cases().forEach((value, g) -> checkSources(g, byName, field.get("cases").get(value)));
                checkSources(d.otherwise(), byName, field.get("otherwise"));
            }
            default -> {
            }
        }
    }

    private static void requireNumeric(AttributeDefinition source, Field field) {
        if (source.kind() != AttributeKind.NUMERIC) {
            throw field.fail("\"" + source.name() + "\" is " + source.kind().code() + ", not numeric");
        }
    }

    // ------------------------------------------------------------------ houses

    /** A house from its JSON text; its devices' types must be among {@code types}. */
    public static HouseDefinition readHouse(String file, String json, Map<String, DeviceType> types) {
        Field root = Field.root(file, parse(file, json)).allowOnly(HOUSE_FIELDS);
        String slug = root.get("house").slug();
        String name = root.get("name").text();
        ZoneId zone = ZoneId.systemDefault();
        if (root.get("zone").present()) {
            String zoneText = root.get("zone").text();
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                throw root.get("zone").fail("\"" + zoneText + "\" is not a time zone (such as Europe/Paris)");
            }
        }
        List<FloorDefinition> floors = new ArrayList<>();
        List<RoomDefinition> rooms = new ArrayList<>();
        Set<String> roomSlugs = new HashSet<>();
        Set<Integer> levels = new HashSet<>();
        if (root.get("floors").present()) {
            for (Field floorField : root.get("floors").elements()) {
                floorField.allowOnly(FLOOR_FIELDS);
                String floorName = floorField.get("name").text();
                int level = floorField.get("level").integer(Integer.MIN_VALUE, -20, 200);
                if (level == Integer.MIN_VALUE) {
                    throw floorField.get("level").fail("is missing");
                }
                if (!levels.add(level)) {
                    throw floorField.get("level").fail("level " + level + " is used by another floor");
                }
                floors.add(new FloorDefinition(floorName, level));
                for (Field roomField : floorField.get("rooms").elements()) {
                    rooms.add(room(roomField, level, types, roomSlugs));
                }
            }
        }
        if (root.get("rooms").present()) {
            for (Field roomField : root.get("rooms").elements()) {
                rooms.add(room(roomField, null, types, roomSlugs));
            }
        }
        if (rooms.isEmpty()) {
            throw root.fail("the house needs at least one room (under \"rooms\" or \"floors\")");
        }
        return new HouseDefinition(slug, name, zone, floors, rooms);
    }

    private static RoomDefinition room(Field field, Integer level, Map<String, DeviceType> types, Set<String> slugs) {
        field.allowOnly(ROOM_FIELDS);
        String slug = field.get("room").slug();
        if (Slugs.isReservedRoom(slug)) {
            throw field.get("room").fail("\"" + slug + "\" is reserved and cannot name a room");
        }
        if (!slugs.add(slug)) {
            throw field.get("room").fail("\"" + slug + "\" names two rooms");
        }
        String name = field.get("name").optionalText().orElse(displayName(slug));
        List<DeviceDefinition> devices = new ArrayList<>();
        Set<String> deviceSlugs = new HashSet<>();
        for (Field deviceField : field.get("devices").elements()) {
            DeviceDefinition device = device(deviceField, types);
            if (!deviceSlugs.add(device.slug())) {
                throw deviceField.get("device").fail("\"" + device.slug() + "\" names two devices of this room");
            }
            devices.add(device);
        }
        return new RoomDefinition(slug, name, level, devices);
    }

    private static DeviceDefinition device(Field field, Map<String, DeviceType> types) {
        field.allowOnly(DEVICE_FIELDS);
        String slug = field.get("device").slug();
        String typeName = field.get("type").text();
        DeviceType type = types.get(typeName);
        if (type == null) {
            throw field.get("type").fail("no device type \"" + typeName + "\" (known: "
                    + String.join(", ", new java.util.TreeSet<>(types.keySet())) + ")");
        }
        String name = field.get("name").optionalText().orElse(displayName(slug));
        String dialect = field.get("dialect").optionalText().orElse(null);
        String vendorId = field.get("vendor-id").optionalText().orElse(null);
        if (dialect != null && !DIALECTS.contains(dialect)) {
            throw field.get("dialect").fail("\"" + dialect + "\" is not one of "
                    + String.join(", ", new java.util.TreeSet<>(DIALECTS)));
        }
        if (dialect != null && vendorId == null) {
            throw field.get("vendor-id").fail("is needed with a dialect (the device's vendor identity)");
        }
        if (vendorId != null && dialect == null) {
            throw field.get("dialect").fail("is needed with a vendor-id");
        }
        if (vendorId != null && !vendorId.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw field.get("vendor-id").fail("\"" + vendorId + "\" must be 1 to 64 letters, digits, '_', '.', ':' or '-'");
        }
        Map<String, Object> initial = new LinkedHashMap<>();
        if (field.get("initial").present()) {
            for (Map.Entry<String, Field> member : field.get("initial").members()) {
                AttributeDefinition attribute = type.attribute(member.getKey()).orElseThrow(() ->
                        member.getValue().fail("type " + type.slug() + " has no attribute \"" + member.getKey() + "\""));
                initial.put(member.getKey(), value(member.getValue(), attribute));
            }
        }
        return new DeviceDefinition(slug, name, typeName, dialect, vendorId, initial);
    }

    /** {@code living-room} → {@code Living room}. */
    public static String displayName(String slug) {
        String spaced = slug.replace('-', ' ');
        return spaced.substring(0, 1).toUpperCase(Locale.ROOT) + spaced.substring(1);
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode parse(String file, String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new DefinitionException(file + ": the file is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new DefinitionException(file + ": not valid JSON" + (where == null ? "" : " at line "
                    + where.getLineNr() + ", column " + where.getColumnNr()) + ": " + message, e);
        }
    }

    /** {@code types/thermostat.json} → {@code thermostat}; null when the name is not a {@code .json} file. */
    private static String baseName(String file) {
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : null;
    }
}
