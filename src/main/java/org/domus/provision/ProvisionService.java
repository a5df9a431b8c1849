package org.domus.provision;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.domus.model.House;
import org.domus.model.Hub;
import org.domus.store.HouseRepository;
import org.domus.store.HubRepository;
import org.domus.store.MqttCredential;
import org.domus.store.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a house's hub: its identity (a random MQTT login, stored hashed, limited by the broker's house ACL to
 * {@code domus/{house}/#}) and the files for its SD card's boot partition, a ZIP of the same files and the
 * commissioning sheet. Everything is checked before anything is written. Runs on the caller's thread (the CLI's,
 * or the wizard's executor); thread-safe.
 */
public final class ProvisionService {

    public static final String DEVICE_USER = "devices";
    private static final Logger LOG = LoggerFactory.getLogger(ProvisionService.class);

    private final HouseRepository houses;
    private final HubRepository hubs;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Consumer<String> credentialChanged;

    /**
     * @param credentialChanged told the username whose password changed (the broker forgets what it verified)
     */
    public ProvisionService(HouseRepository houses, HubRepository hubs, PasswordHasher hasher, Clock clock,
                            Consumer<String> credentialChanged) {
        this.houses = Objects.requireNonNull(houses, "houses");
        this.hubs = Objects.requireNonNull(hubs, "hubs");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.credentialChanged = Objects.requireNonNull(credentialChanged, "credentialChanged");
    }

    /**
     * Creates house {@code house}'s hub, or gives the existing one a new password (the old one stops working).
     *
     * @throws ProvisionException when there is no such house
     */
    public HubCredentials createHub(String house, String hostname) {
        House found = requireHouse(house);
        if (hostname == null || !hostname.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
            throw new ProvisionException("\"" + hostname + "\" is not a valid host name for the hub.");
        }
        String username = Hub.usernameFor(found.slug());
        String password = PasswordHasher.randomSecret();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant created = hubs.find(found.slug()).map(Hub::createdAt).orElse(now);
        Hub hub = hubs.save(new Hub(found.slug(), hostname, username, created, now),
                new MqttCredential(username, found.slug(), hasher.hash(password.toCharArray()),
                        MqttCredential.ROLE_HOUSE));
        credentialChanged.accept(username);
        LOG.info("Made the hub {} of house {} (MQTT login {})", hostname, found.slug(), username);
        return new HubCredentials(hub, password);
    }

    /**
     * Checks the request against the store and the output folder, then makes the hub and writes its files.
     *
     * @param caPem         the console's CA certificate, which the hub's bridge trusts
     * @param caFingerprint its SHA-256 fingerprint, for the sheet
     * @throws ProvisionException with one sentence; nothing is written when the input is refused
     */
    public ProvisionResult provision(ProvisionRequest request, String caPem, String caFingerprint,
                                     ProvisionProgress progress) {
        progress.step(0.0, ProvisionProgress.Step.CHECKING);
        House house = requireHouse(request.house());
        if (houses.listRooms(house.id()).isEmpty()) {
            throw new ProvisionException("House " + house.slug() + " has no rooms yet: add at least one room"
                    + " before making its hub.");
        }
        Path outDir = request.outDir().toAbsolutePath().normalize();
        checkWritable(outDir);

        progress.step(0.15, ProvisionProgress.Step.MAKING_LOGIN);
        HubCredentials credentials = createHub(house.slug(), request.hostname());
        String devicePassword = PasswordHasher.randomSecret();

        progress.step(0.35, ProvisionProgress.Step.HASHING);
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String passwordHash = request.password() == null ? null : SecretFormats.sha512Crypt(request.password());
        String pmk = request.wifiSsid() == null ? null
                : SecretFormats.wifiPmk(request.wifiPassphrase(), request.wifiSsid());
        BootFiles.Settings settings = new BootFiles.Settings(request, house.name(), passwordHash, pmk, createdAt);
        List<BundleFile> files = files(settings, credentials, devicePassword, caPem);

        progress.step(0.55, ProvisionProgress.Step.WRITING_FILES);
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(outDir);
            for (BundleFile file : files) {
                written.add(write(outDir, file));
            }
            String addition = BootFiles.cmdlineAddition(settings);
            boolean cmdlineUpdated = appendToCmdline(outDir.resolve("cmdline.txt"), addition);
            if (!cmdlineUpdated) {
                written.add(write(outDir, BundleFile.text("cmdline.txt.append", addition.strip() + "\n")));
            }

            progress.step(0.75, ProvisionProgress.Step.WRITING_ZIP);
            Path zip = outDir.resolve("domus-hub-" + house.slug() + ".zip");
            writeZip(zip, files);

            progress.step(0.85, ProvisionProgress.Step.DRAWING_SHEET);
            Path sheet = outDir.resolve("domus-hub-" + house.slug() + "-sheet.png");
            byte[] png = CommissioningSheet.png(new CommissioningSheet.Content(house.slug(), house.name(),
                    request.hostname(), addresses(request), credentials.hub().username(), DEVICE_USER, caFingerprint,
                    request.wifiSsid(), request.format().label(), createdAt.toString()));
            replace(sheet, png, false);
            progress.step(1.0, ProvisionProgress.Step.DONE);
            LOG.info("Wrote the {} boot files of hub {} (house {}) to {}", request.format().label(),
                    request.hostname(), house.slug(), outDir);
            return new ProvisionResult(credentials.hub(), outDir, written, zip, sheet, credentials.password(),
                    DEVICE_USER, devicePassword, addition, cmdlineUpdated, caFingerprint);
        } catch (IOException e) {
            throw new ProvisionException("Cannot write the hub's files to " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** The files of one hub, in order (paths relative to the boot partition). */
    static List<BundleFile> files(BootFiles.Settings settings, HubCredentials credentials, String devicePassword,
                                  String caPem) {
        ProvisionRequest request = settings.request();
        String folder = BootFiles.HUB_FOLDER + "/";
        List<BundleFile> files = new ArrayList<>();
        switch (request.format()) {
            case FIRSTRUN -> files.add(BundleFile.script("firstrun.sh", BootFiles.firstRun(settings, true)));
            case CLOUD_INIT -> {
                files.add(BundleFile.text("user-data", BootFiles.userData(settings)));
                files.add(BundleFile.text("meta-data", BootFiles.metaData(settings)));
                if (request.wifiSsid() != null) {
                    files.add(BundleFile.text("network-config", BootFiles.networkConfig(settings)));
                }
            }
            case PRESEED -> {
                files.add(BundleFile.text("rpi-preseed.toml", BootFiles.preseed(settings)));
                files.add(BundleFile.script("firstrun.sh", BootFiles.firstRun(settings, false)));
            }
        }
        files.add(BundleFile.script(folder + BootFiles.SETUP_SCRIPT, BootFiles.setupScript(request.house())));
        files.add(BundleFile.text(folder + "console-ca.crt", caPem));
        files.add(BundleFile.text(folder + "mosquitto/00-hub.conf", MosquittoConfig.global(request.house())));
        files.add(BundleFile.secret(folder + "mosquitto/20-bridge-console.conf", MosquittoConfig.bridge(
                request.house(), credentials.hub().username(), credentials.password(), addresses(request))));
        files.add(BundleFile.secret(folder + "mosquitto/passwd",
                SecretFormats.mosquittoPasswordLine(DEVICE_USER, devicePassword) + "\n"));
        return files;
    }

    private static List<String> addresses(ProvisionRequest request) {
        return request.consoleHosts().stream().map(host -> host + ":" + request.consolePort()).toList();
    }

    private House requireHouse(String house) {
        return houses.findHouse(house).orElseThrow(() -> new ProvisionException("There is no house " + house
                + " in this console's store."));
    }

    /** Refuses a folder that is a file, or that cannot be created or written, without leaving anything behind. */
    static void checkWritable(Path outDir) {
        Path existing = outDir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new ProvisionException("Cannot write the hub's files to " + outDir + ": "
                    + (existing == null ? "no part of that path exists" : existing + " is a file, not a folder") + ".");
        }
        try {
            Path probe = Files.createTempFile(existing, ".domus-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ProvisionException("Cannot write the hub's files to " + outDir + ": the folder " + existing
                    + " is not writable.");
        }
    }

    private static Path write(Path outDir, BundleFile file) throws IOException {
        Path target = outDir.resolve(file.path()).normalize();
        if (!target.startsWith(outDir)) {
            throw new IOException("refusing to write outside the folder: " + file.path());
        }
        Files.createDirectories(target.getParent());
        replace(target, file.content(), file.secret());
        if (file.executable()) {
            setPermissions(target, "rwxr-xr-x");
        }
        return target;
    }

    /** Written beside the target with its final permissions, then moved into place. */
    private static void replace(Path target, byte[] content, boolean secret) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.write(partial, content);
        setPermissions(partial, secret ? "rw-------" : "rw-r--r--");
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void setPermissions(Path file, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // A FAT boot partition has no Unix permissions; the setup step sets them on the hub.
        }
    }

    /** Appends {@code addition} to an existing one-line cmdline.txt, once; false when there is none. */
    private static boolean appendToCmdline(Path cmdline, String addition) throws IOException {
        if (!Files.isRegularFile(cmdline)) {
            return false;
        }
        String line = Files.readString(cmdline, StandardCharsets.UTF_8).strip();
        // A previous run's additions go first, so the file ends with exactly this run's.
        for (String marker : new String[] {" systemd.run=", " ds=nocloud", " cfg80211.ieee80211_regdom="}) {
            int at = line.indexOf(marker);
            if (at >= 0) {
                line = line.substring(0, at);
            }
        }
        replace(cmdline, (line + addition + "\n").getBytes(StandardCharsets.UTF_8), false);
        return true;
    }

    private static void writeZip(Path zip, List<BundleFile> files) throws IOException {
        Path partial = zip.resolveSibling("." + zip.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zipOut = new ZipOutputStream(out)) {
            for (BundleFile file : files) {
                zipOut.putNextEntry(new ZipEntry(file.path()));
                zipOut.write(file.content());
                zipOut.closeEntry();
            }
        }
        setPermissions(partial, "rw-------");
        Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING);
    }
}
