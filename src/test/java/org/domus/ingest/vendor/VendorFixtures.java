package org.domus.ingest.vendor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.domus.model.DeviceAddress;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;
import org.domus.store.AttributeDeclaration;
import org.domus.store.Declaration;
import org.domus.store.DeviceDeclaration;
import org.domus.store.VendorBindingRemoval;

/**
 * Runs vendor messages through the adapters with no store: what a house would hold is kept in maps (the last
 * declaration per device, every reading per series).
 */
final class VendorFixtures {

    static final String HOUSE = "demo";

    /** One vendor message: topic below {@code domus/{house}/raw/}, payload. */
    record Message(String topic, String payload) {
        byte[] bytes() {
            return payload.getBytes(StandardCharsets.UTF_8);
        }
    }

    final VendorRegistry registry = new VendorRegistry();
    final VendorAdapters adapters = new VendorAdapters(registry);
    final VendorCommands commands = new VendorCommands(registry);
    final Map<DeviceAddress, DeviceDeclaration> devices = new LinkedHashMap<>();
    final Map<SeriesPath, List<Reading>> readings = new LinkedHashMap<>();
    final List<VendorBindingRemoval> removals = new ArrayList<>();
    final List<VendorOutcome> outcomes = new ArrayList<>();

    /** The messages of a fixture file under {@code src/test/resources/vendor/}. */
    static List<Message> load(String file) {
        try (InputStream in = VendorFixtures.class.getResourceAsStream("/vendor/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Message> out = new ArrayList<>();
            for (String block : text.split("\\n\\s*\\n")) {
                String stripped = block.strip();
                if (stripped.isEmpty()) {
                    continue;
                }
                int newline = stripped.indexOf('\n');
                out.add(newline < 0 ? new Message(stripped, "")
                        : new Message(stripped.substring(0, newline).strip(), stripped.substring(newline + 1).strip()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    VendorFixtures feedFile(String file) {
        load(file).forEach(m -> feed(m.topic(), m.payload()));
        return this;
    }

    VendorOutcome feed(String topic, String payload) {
        return feed(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    VendorOutcome feed(String topic, byte[] payload) {
        VendorOutcome outcome = adapters.read(HOUSE, topic, payload, Instant.parse("2026-01-01T00:00:00Z"));
        outcomes.add(outcome);
        if (outcome instanceof VendorOutcome.Parsed parsed) {
            for (Declaration declaration : parsed.declarations()) {
                switch (declaration) {
                    case DeviceDeclaration device -> devices.put(device.address(), device);
                    case VendorBindingRemoval removal -> removals.add(removal);
                }
            }
            for (Reading reading : parsed.readings()) {
                readings.computeIfAbsent(reading.series(), s -> new ArrayList<>()).add(reading);
            }
        }
        return outcome;
    }

    DeviceDeclaration device(String slug) {
        DeviceDeclaration device = devices.get(DeviceAddress.vendor(HOUSE, slug));
        if (device == null) {
            throw new AssertionError("no device " + slug + "; devices: " + devices.keySet());
        }
        return device;
    }

    AttributeDeclaration attribute(String slug, String name) {
        return device(slug).attributes().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no attribute " + name + " on " + slug + "; has "
                        + device(slug).attributes().stream().map(AttributeDeclaration::name).toList()));
    }

    Optional<AttributeDeclaration> maybeAttribute(String slug, String name) {
        return device(slug).attributes().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The texts of every reading of a series, oldest first. */
    List<String> values(String slug, String attribute) {
        return readings.getOrDefault(DeviceAddress.vendor(HOUSE, slug).attribute(attribute), List.of()).stream()
                .map(Reading::text).toList();
    }

    String last(String slug, String attribute) {
        List<String> values = values(slug, attribute);
        if (values.isEmpty()) {
            throw new AssertionError("no reading of " + slug + "/" + attribute + "; series: " + readings.keySet());
        }
        return values.getLast();
    }

    long count(Class<? extends VendorOutcome> kind) {
        return outcomes.stream().filter(kind::isInstance).count();
    }

    static SeriesPath series(String slug, String attribute) {
        return DeviceAddress.vendor(HOUSE, slug).attribute(attribute);
    }
}
