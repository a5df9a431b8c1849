package org.domus.sim.definition;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The device types and houses the simulators run: the bundled ones ({@code sample-devices/} on the class path,
 * copied there by the build) and any added from files. Immutable; thread-safe.
 */
public final class SampleDevices {

    /** The folder on the class path (and at the repository root) holding {@code types/} and {@code houses/}. */
    public static final String RESOURCE_FOLDER = "sample-devices";
    public static final String DEFAULT_HOUSE = "demo";

    private final Map<String, DeviceType> types;
    private final Map<String, HouseDefinition> houses;

    private SampleDevices(Map<String, DeviceType> types, Map<String, HouseDefinition> houses) {
        this.types = Map.copyOf(types);
        this.houses = Map.copyOf(houses);
    }

    /** The definitions bundled with Domus, read from the class path. */
    public static SampleDevices bundled() {
        URL marker = SampleDevices.class.getClassLoader().getResource(RESOURCE_FOLDER + "/README.md");
        if (marker == null) {
            throw new DefinitionException("the bundled device definitions (" + RESOURCE_FOLDER
                    + "/) are not on the class path; rebuild Domus");
        }
        if ("jar".equals(marker.getProtocol())) {
            // A packaged application: the definitions are inside the jar.
            String text = marker.toString();
            URI jar = URI.create(text.substring("jar:".length(), text.indexOf("!/")));
            try (FileSystem zip = FileSystems.newFileSystem(Path.of(jar))) {
                return fromDirectory(zip.getPath("/" + RESOURCE_FOLDER));
            } catch (IOException e) {
                throw new DefinitionException("cannot read the bundled device definitions: " + e.getMessage(), e);
            }
        }
        URI folder;
        try {
            folder = marker.toURI().resolve(".");
        } catch (URISyntaxException e) {
            throw new DefinitionException("cannot locate the bundled device definitions: " + e.getMessage(), e);
        }
        return fromDirectory(Path.of(folder));
    }

    /** Types from {@code folder/types/*.json}, then houses from {@code folder/houses/*.json} (either may be absent). */
    public static SampleDevices fromDirectory(Path folder) {
        Map<String, DeviceType> types = new HashMap<>();
        for (Path file : jsonFiles(folder.resolve("types"))) {
            DeviceType type = DefinitionReader.readType(label(folder, file), read(folder, file));
            types.put(type.slug(), type);
        }
        SampleDevices withTypes = new SampleDevices(types, Map.of());
        Map<String, HouseDefinition> houses = new HashMap<>();
        for (Path file : jsonFiles(folder.resolve("houses"))) {
            HouseDefinition house = DefinitionReader.readHouse(label(folder, file), read(folder, file), withTypes.types);
            HouseDefinition clash = houses.put(house.slug(), house);
            if (clash != null) {
                throw new DefinitionException(label(folder, file) + ": house: \"" + house.slug()
                        + "\" is also the slug of another house file");
            }
        }
        return new SampleDevices(types, houses);
    }

    /**
     * These definitions plus what {@code path} holds: a device-type file, a house file, or a folder with
     * {@code types/} and {@code houses/}. Added types replace bundled ones of the same slug.
     */
    public SampleDevices with(Path path) {
        if (Files.isDirectory(path)) {
            return fromDirectoryOver(path);
        }
        String json = read(path.getParent() == null ? Path.of(".") : path.getParent(), path);
        String label = path.toString();
        if (isTypeFile(json)) {
            DeviceType type = DefinitionReader.readType(label, json);
            Map<String, DeviceType> merged = new HashMap<>(types);
            merged.put(type.slug(), type);
            return new SampleDevices(merged, houses);
        }
        HouseDefinition house = DefinitionReader.readHouse(label, json, types);
        Map<String, HouseDefinition> merged = new HashMap<>(houses);
        merged.put(house.slug(), house);
        return new SampleDevices(types, merged);
    }

    private SampleDevices fromDirectoryOver(Path folder) {
        Map<String, DeviceType> mergedTypes = new HashMap<>(types);
        for (Path file : jsonFiles(folder.resolve("types"))) {
            DeviceType type = DefinitionReader.readType(label(folder, file), read(folder, file));
            mergedTypes.put(type.slug(), type);
        }
        Map<String, HouseDefinition> mergedHouses = new HashMap<>(houses);
        for (Path file : jsonFiles(folder.resolve("houses"))) {
            HouseDefinition house = DefinitionReader.readHouse(label(folder, file), read(folder, file), mergedTypes);
            mergedHouses.put(house.slug(), house);
        }
        return new SampleDevices(mergedTypes, mergedHouses);
    }

    /** A type file has a top-level "type"; a house file a top-level "house" (anything else is read as a house). */
    private static boolean isTypeFile(String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            return root != null && root.has("type") && !root.has("house");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false; // the house reader reports the syntax error with its position
        }
    }

    /** A house read from a file of its own, against these types. */
    public HouseDefinition readHouse(Path file) {
        return DefinitionReader.readHouse(file.toString(), read(file.getParent() == null ? Path.of(".") : file.getParent(), file), types);
    }

    public Optional<DeviceType> type(String slug) {
        return Optional.ofNullable(types.get(slug));
    }

    /** Every type, by slug (sorted). */
    public Map<String, DeviceType> types() {
        return new TreeMap<>(types);
    }

    public Optional<HouseDefinition> house(String slug) {
        return Optional.ofNullable(houses.get(slug));
    }

    /** Every house, by slug (sorted). */
    public Map<String, HouseDefinition> houses() {
        return new TreeMap<>(houses);
    }

    /** The type of a house device; the house was checked against these types when read. */
    public DeviceType typeOf(HouseDefinition.DeviceDefinition device) {
        return Objects.requireNonNull(types.get(device.type()), device.type());
    }

    private static List<Path> jsonFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new DefinitionException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path folder, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DefinitionException(file + ": no such file");
        } catch (IOException e) {
            throw new DefinitionException(label(folder, file) + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** {@code types/thermostat.json}: the path relative to the definitions folder, as messages name it. */
    private static String label(Path folder, Path file) {
        try {
            return folder.relativize(file).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }
}
