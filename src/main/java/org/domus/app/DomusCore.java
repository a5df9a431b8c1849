package org.domus.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.domus.broker.BrokerSettings;
import org.domus.broker.BrokerStartException;
import org.domus.broker.BrokerStatus;
import org.domus.broker.ConsoleCertificates;
import org.domus.broker.TlsException;
import org.domus.broker.EmbeddedBroker;
import org.domus.command.CommandService;
import org.domus.ingest.IngestService;
import org.domus.ingest.LiveState;
import org.domus.ingest.vendor.VendorIngest;
import org.domus.store.Database;
import org.domus.store.MqttCredential;
import org.domus.store.PasswordHasher;
import org.domus.store.StoreException;
import org.domus.store.StoreOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The headless core, started and stopped as one: store, ingest, embedded broker. {@code ./domus serve} runs it
 * alone; the console runs it behind the window.
 */
public final class DomusCore implements AutoCloseable {

    public static final String DEMO_HOUSE = "demo";
    public static final String DATABASE_FILE = "domus.db";
    /** The console's own MQTT identity; its secret is kept in this file of the data folder, readable by the owner only. */
    public static final String CONSOLE_USER = "domus-console";
    public static final String CONSOLE_SECRET_FILE = "console.secret";
    /** While running, the data folder holds the bound MQTT port here, for tools that talk to a running core. */
    public static final String PORT_FILE = "mqtt.port";

    private static final Logger LOG = LoggerFactory.getLogger(DomusCore.class);
    /** Records queued for the writer beyond which the broker stops reading from clients until it catches up. */
    private static final int INGEST_SATURATION = 100_000;

    private final DomusConfig config;
    private final Database store;
    private final LiveState liveState;
    private final IngestService ingest;
    private final EmbeddedBroker broker;
    private final CommandService commands;
    private final RulesRuntime rules;
    private final boolean firstRun;

    private DomusCore(DomusConfig config, Database store, LiveState liveState, IngestService ingest,
                      EmbeddedBroker broker, CommandService commands, RulesRuntime rules, boolean firstRun) {
        this.config = config;
        this.store = store;
        this.liveState = liveState;
        this.ingest = ingest;
        this.broker = broker;
        this.commands = commands;
        this.rules = rules;
        this.firstRun = firstRun;
    }

    /** Starts everything; throws {@link DomusStartupException} with one clear sentence when it cannot. */
    public static DomusCore start(DomusConfig config) {
        long started = System.nanoTime();
        Path dataDir = config.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new DomusStartupException("Cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
        }
        Database store;
        try {
            store = Database.open(dataDir.resolve(DATABASE_FILE),
                    new StoreOptions(config.storeMaxBytes(), StoreOptions.DEFAULT_MAX_BATCH_MESSAGES));
        } catch (StoreException e) {
            throw new DomusStartupException(e.getMessage(), e);
        }
        try {
            boolean firstRun = createDemoHouseOnFirstRun(store);
            ensureConsoleIdentity(store, dataDir);
            LiveState liveState = new LiveState();
            IngestService ingest = new IngestService(store.writer(), store.events(), liveState, INGEST_SATURATION);
            VendorIngest vendors = new VendorIngest(store.writer(), store.vendorBindings());
            ingest.setVendorIngest(vendors);
            BrokerSettings brokerSettings = BrokerSettings.of(config.mqttHost(), config.mqttPort(), dataDir,
                    config.demo() ? DEMO_HOUSE : null, config.maxPayloadBytes())
                    .withListeners(config.mqttPlain() ? config.mqttPort() : BrokerSettings.OFF, config.mqttTlsPort());
            ConsoleCertificates certificates = config.mqttTlsPort() == DomusConfig.OFF ? null
                    : ConsoleCertificates.loadOrCreate(dataDir, ConsoleCertificates.machineNames(), Clock.systemUTC());
            EmbeddedBroker broker = EmbeddedBroker.start(brokerSettings, store.credentials(),
                    PasswordHasher.standard(), ingest, certificates);
            CommandService commands = new CommandService(store.commands(), store.houses(), store.events(), broker,
                    vendors.commands(), config.commandPolicies(), Clock.systemUTC(), store.writer());
            store.writer().addCommitListenerFirst(commands); // its callers are woken before rules and live state
            ingest.setCommandTraffic(commands);
            try {
                commands.start();
            } catch (RuntimeException e) {
                commands.close();
                broker.close();
                throw e;
            }
            RulesRuntime rules;
            try {
                rules = RulesRuntime.start(store, liveState, ingest, commands, config, Clock.systemUTC());
            } catch (RuntimeException e) {
                commands.close();
                broker.close();
                throw e;
            }
            writePortFile(dataDir, broker.port());
            LOG.info("Domus core ready in {} ms (data: {})", (System.nanoTime() - started) / 1_000_000, dataDir);
            return new DomusCore(config, store, liveState, ingest, broker, commands, rules, firstRun);
        } catch (BrokerStartException | StoreException | TlsException e) {
            store.close();
            throw new DomusStartupException(e.getMessage(), e);
        } catch (RuntimeException e) {
            store.close();
            throw new DomusStartupException("Domus could not start: " + e.getMessage(), e);
        }
    }

    /** An empty store gets the demo house, so that the first window has something to show. */
    private static boolean createDemoHouseOnFirstRun(Database store) {
        if (!store.houses().listHouses().isEmpty()) {
            return false;
        }
        DemoHouse.seedDefault(store.houses());
        LOG.info("First run: created the demo house");
        return true;
    }

    /**
     * The console's MQTT identity (for {@code domus send} against a running {@code serve}, and the command
     * service): a random secret, stored hashed, and kept in clear only in a file that only the owner may read.
     */
    private static void ensureConsoleIdentity(Database store, Path dataDir) {
        Path secretFile = dataDir.resolve(CONSOLE_SECRET_FILE);
        Optional<MqttCredential> existing = store.credentials().find(CONSOLE_USER);
        if (existing.isPresent() && Files.isReadable(secretFile)) {
            return;
        }
        String secret = PasswordHasher.randomSecret();
        try {
            Files.deleteIfExists(secretFile);
            Files.createFile(secretFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(secretFile, secret, StandardCharsets.UTF_8);
        } catch (UnsupportedOperationException e) {
            writeSecretPortably(secretFile, secret);
        } catch (IOException e) {
            throw new DomusStartupException("Cannot write " + secretFile + ": " + e.getMessage(), e);
        }
        store.credentials().put(new MqttCredential(CONSOLE_USER, null,
                PasswordHasher.standard().hash(secret.toCharArray()), MqttCredential.ROLE_CONSOLE));
    }

    private static void writePortFile(Path dataDir, int port) {
        Path portFile = dataDir.resolve(PORT_FILE);
        Path partial = dataDir.resolve(PORT_FILE + ".partial");
        try {
            Files.writeString(partial, Integer.toString(port), StandardCharsets.UTF_8);
            Files.move(partial, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Cannot write {}: {}", portFile, e.getMessage());
        }
    }

    private static void writeSecretPortably(Path secretFile, String secret) {
        try {
            Files.writeString(secretFile, secret, StandardCharsets.UTF_8);
            secretFile.toFile().setReadable(false, false);
            secretFile.toFile().setReadable(true, true);
        } catch (IOException e) {
            throw new DomusStartupException("Cannot write " + secretFile + ": " + e.getMessage(), e);
        }
    }

    public DomusConfig config() {
        return config;
    }

    public Database store() {
        return store;
    }

    public LiveState liveState() {
        return liveState;
    }

    public BrokerStatus broker() {
        return broker;
    }

    public IngestService ingest() {
        return ingest;
    }

    public CommandService commands() {
        return commands;
    }

    /** The rule engine, alerts, reminders and notifications. */
    public RulesRuntime rules() {
        return rules;
    }

    /** True when this start created the store (and the demo house): the console then starts its simulators. */
    public boolean firstRun() {
        return firstRun;
    }

    /** The broker presents {@code certificates}' broker certificate to new TLS connections (after a renewal). */
    public void certificatesChanged(ConsoleCertificates certificates) {
        broker.useCertificates(certificates);
    }

    /** Forgets the broker's cached check of {@code username}'s password: call after changing the credential. */
    public void credentialChanged(String username) {
        broker.credentialChanged(username);
    }

    /** Stops accepting, drains the writer, returns in well under a second. */
    @Override
    public void close() {
        long started = System.nanoTime();
        try {
            rules.close();
            commands.close();
            broker.close();
        } finally {
            store.close();
        }
        try {
            Files.deleteIfExists(config.dataDir().toAbsolutePath().resolve(PORT_FILE));
        } catch (IOException e) {
            LOG.debug("Cannot remove the port file: {}", e.getMessage());
        }
        LOG.info("Domus stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}
