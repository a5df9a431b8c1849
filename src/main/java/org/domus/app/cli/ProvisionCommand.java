package org.domus.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.domus.app.DomusConfig;
import org.domus.app.DomusCore;
import org.domus.app.Logging;
import org.domus.broker.ConsoleCertificates;
import org.domus.broker.TlsException;
import org.domus.provision.BootFormat;
import org.domus.provision.ProvisionException;
import org.domus.provision.ProvisionProgress;
import org.domus.provision.ProvisionRequest;
import org.domus.provision.ProvisionResult;
import org.domus.provision.ProvisionService;
import org.domus.store.Database;
import org.domus.store.PasswordHasher;
import org.domus.store.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code domus provision}: makes a house's hub (its MQTT login) and writes its SD card's boot files, a ZIP of them
 * and the commissioning sheet. Opens only the store (not the broker), so it runs beside a running
 * {@code domus serve}, whose broker accepts the new login at once.
 */
@Command(name = "provision", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Write a Raspberry Pi house hub's boot files (host name, first user, SSH, Wi-Fi, locale, and a first-boot",
            "step that installs Mosquitto bridged to this console over TLS), a ZIP of them and a commissioning sheet.",
            "Point --out at the SD card's boot partition (its cmdline.txt is then completed) or at any folder."
        })
public final class ProvisionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin(name = CommonOptions.MIXIN_NAME)
    private CommonOptions common;

    @Option(names = "--house", required = true, paramLabel = "ID", description = "The house the hub serves.")
    private String house;

    @Option(names = "--format", required = true, paramLabel = "firstrun|cloud-init|preseed",
            converter = FormatConverter.class,
            description = "What the image expects: firstrun (Raspberry Pi OS Bookworm), cloud-init (newest"
                    + " Raspberry Pi OS, Ubuntu), preseed (rpi-preseed.toml).")
    private BootFormat format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the files.")
    private Path out;

    @Option(names = "--hostname", paramLabel = "NAME", description = "The hub's host name (default: hub-ID).")
    private String hostname;

    @Option(names = "--user", paramLabel = "NAME", description = "The hub's first user (default: installer).")
    private String user;

    @Option(names = "--password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            description = "The first user's password (only its SHA-512 crypt is written); without a value, asked for.")
    private char[] password;

    @Option(names = "--ssh-key", paramLabel = "KEY|FILE",
            description = "An OpenSSH public key for the first user, or a .pub file holding one.")
    private String sshKey;

    @Option(names = "--wifi-ssid", paramLabel = "NAME", description = "The Wi-Fi network (plain UTF-8 text).")
    private String wifiSsid;

    @Option(names = "--wifi-passphrase", paramLabel = "TEXT", arity = "0..1", interactive = true,
            description = "Its passphrase, 8-63 characters (only the derived key is written); without a value, asked for.")
    private char[] wifiPassphrase;

    @Option(names = "--wifi-country", paramLabel = "CC", description = "Two-letter country of the Wi-Fi, such as GB.")
    private String wifiCountry;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "Such as Europe/London (default: UTC).")
    private String timezone;

    @Option(names = "--keyboard", paramLabel = "LAYOUT", description = "Such as gb, us, es (default: gb).")
    private String keyboard;

    @Option(names = "--console-host", paramLabel = "HOST", split = ",",
            description = "How the hub reaches this console (host name or IPv4 address; several: the first is"
                    + " preferred). Default: this machine's names and addresses.")
    private List<String> consoleHosts;

    @Override
    public Integer call() {
        Logging.quietConsole();
        DomusConfig config = common.config();
        PrintWriter stdout = spec.commandLine().getOut();
        if (config.mqttTlsPort() == DomusConfig.OFF) {
            throw new CliFailure("the console's TLS listener is off (mqtt.tls-port=off); a hub bridges only over TLS");
        }
        int port = config.mqttTlsPort() == 0 ? DomusConfig.DEFAULT_MQTT_TLS_PORT : config.mqttTlsPort();
        List<String> hosts = consoleHosts == null || consoleHosts.isEmpty() ? reachableNames() : consoleHosts;
        ProvisionRequest request;
        try {
            request = new ProvisionRequest(house, format, out, hostname, user, text(password), sshKey(), wifiSsid,
                    text(wifiPassphrase), wifiCountry, timezone, keyboard, hosts, port);
        } catch (ProvisionException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Path storeFile = config.dataDir().resolve(DomusCore.DATABASE_FILE);
        if (!Files.isRegularFile(storeFile)) {
            throw new CliFailure("no store in " + config.dataDir() + " (looked for " + storeFile
                    + "); start the console once first");
        }
        try (Database database = Database.open(storeFile, StoreOptions.defaults())) {
            Set<String> names = new LinkedHashSet<>(ConsoleCertificates.machineNames());
            names.addAll(request.consoleHosts());
            Path brokerCertificate = config.dataDir().resolve(ConsoleCertificates.FOLDER)
                    .resolve(ConsoleCertificates.BROKER_CERT);
            String before = readIfPresent(brokerCertificate);
            ConsoleCertificates certificates = ConsoleCertificates.loadOrCreate(config.dataDir(), names,
                    Clock.systemUTC());
            boolean reissued = !before.isEmpty() && !before.equals(readIfPresent(brokerCertificate));
            ProvisionService service = new ProvisionService(database.houses(), database.hubs(),
                    PasswordHasher.standard(), Clock.systemUTC(), username -> { });
            ProvisionResult result = service.provision(request, certificates.caPem(), certificates.caFingerprint(),
                    ProvisionProgress.NONE);
            report(stdout, result, reissued);
            return 0;
        } catch (ProvisionException | TlsException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }

    private static void report(PrintWriter out, ProvisionResult result, boolean reissued) {
        out.println("Hub " + result.hub().hostname() + " of house " + result.hub().house() + ": wrote "
                + result.files().size() + " files to " + result.outDir());
        for (Path file : result.files()) {
            out.println("  " + result.outDir().relativize(file));
        }
        out.println("ZIP of the same files: " + result.zip());
        out.println("Commissioning sheet:   " + result.sheet());
        out.println(result.cmdlineUpdated() ? "cmdline.txt now ends with:" + result.cmdlineAddition()
                : "Append to the end of the boot partition's cmdline.txt (same line):" + result.cmdlineAddition());
        out.println();
        out.println("Shown once, kept nowhere in clear (write them down now):");
        out.println("  hub's console login:  " + result.hub().username() + " / " + result.hubPassword());
        out.println("  devices on the hub:   " + result.deviceUser() + " / " + result.devicePassword()
                + "  (MQTT port 1883 of " + result.hub().hostname() + ")");
        out.println("Console CA (SHA-256): " + result.caFingerprint());
        if (reissued) {
            out.println("The broker's certificate was issued again to cover the console's addresses: a console"
                    + " already running presents it once restarted.");
        }
        out.flush();
    }

    private static String readIfPresent(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.US_ASCII) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private String sshKey() {
        if (sshKey == null || sshKey.isBlank()) {
            return null;
        }
        Path file = Path.of(sshKey.strip().replaceFirst("^~", System.getProperty("user.home")));
        if (!sshKey.strip().startsWith("ssh-") && !sshKey.strip().startsWith("ecdsa-") && Files.isRegularFile(file)) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new CliFailure("cannot read the SSH key " + file + ": " + e.getMessage(), e);
            }
        }
        return sshKey.strip();
    }

    private static List<String> reachableNames() {
        List<String> names = org.domus.app.ConsoleAddresses.reachable();
        if (names.isEmpty()) {
            throw new CliFailure("this machine has no address a hub could reach; say which with --console-host");
        }
        return names;
    }

    private static String text(char[] secret) {
        return secret == null ? null : new String(secret);
    }

    static final class FormatConverter implements ITypeConverter<BootFormat> {
        @Override
        public BootFormat convert(String text) {
            return BootFormat.parse(text).orElseThrow(() -> new TypeConversionException(
                    "'" + text + "' is not a format: use firstrun, cloud-init or preseed"));
        }
    }
}
