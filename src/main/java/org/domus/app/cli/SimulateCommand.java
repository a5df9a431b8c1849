package org.domus.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.domus.app.DomusCore;
import org.domus.app.Logging;
import org.domus.model.BrokerUrl;
import org.domus.sim.FaultSpec;
import org.domus.sim.SimulationPlan;
import org.domus.sim.SimulatorOptions;
import org.domus.sim.SimulatorRuntime;
import org.domus.sim.SimulatorStatus;
import org.domus.sim.definition.DefinitionException;
import org.domus.model.Durations;
import org.domus.sim.definition.HouseDefinition;
import org.domus.sim.definition.SampleDevices;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code domus simulate}: runs simulated devices (a house from {@code sample-devices/}, a definition file, or
 * {@code --scale N} generated devices) against any MQTT broker until {@code --duration} or Ctrl+C. Prints progress
 * every few seconds; the last line is always {@code sent=N rate=R}.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Run simulated devices against an MQTT broker (default: the local Domus's), until --duration or Ctrl+C.",
            "The last line of output is sent=N rate=R (messages the broker accepted, and per second).",
            "Faults (--fault, repeatable): offline:ROOM/DEVICE[=BACK_AFTER][@AT], malformed:…, stuck:…, mute:…,",
            "  late:ROOM/DEVICE=EXTRA[@AT], recover:…, storm:COUNT[@AT]; AT counts from the start, e.g. @10s."
        })
public final class SimulateCommand implements Callable<Integer> {

    static final String PASSWORD_VARIABLE = "DOMUS_MQTT_PASSWORD";
    private static final Duration DEFAULT_SCALE_DURATION = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Mixin(name = CommonOptions.MIXIN_NAME)
    private CommonOptions common;

    @Option(names = "--broker", paramLabel = "URL",
            description = "mqtt://host:port or mqtts://host:port (default: the Domus running on this data folder, from its mqtt.port file).")
    private String broker;

    @Option(names = "--house", paramLabel = "FILE|NAME", defaultValue = SampleDevices.DEFAULT_HOUSE,
            description = "A house file, or a bundled house: demo (default), family-house.")
    private String house;

    @Option(names = "--definition", paramLabel = "PATH",
            description = "Add a device-type file, a house file, or a folder with types/ and houses/ (see sample-devices/README.md).")
    private List<Path> definitions = new ArrayList<>();

    @Option(names = "--scale", paramLabel = "N", description = "Simulate N generated devices of every bundled type instead of a house.")
    private Integer scale;

    @Option(names = "--houses", paramLabel = "K", defaultValue = "1",
            description = "With --scale: spread the devices over K houses HOUSE-1…HOUSE-K (default 1: the --house slug itself, 'demo').")
    private int houses;

    @Option(names = "--devices-per-room", paramLabel = "N", defaultValue = "10",
            description = "With --scale: devices per generated room (default ${DEFAULT-VALUE}).")
    private int perRoom;

    @Option(names = "--rate", paramLabel = "R", description = "Total messages per second, spread evenly over every device's attributes (default: each attribute at its own interval).")
    private Double rate;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Stop after D (30s, 5m, 2h); default: 60s with --scale, otherwise until Ctrl+C.")
    private Duration duration;

    @Option(names = "--username", paramLabel = "USER", description = "MQTT user name (default: the URL's, or anonymous for a --demo broker).")
    private String username;

    @Option(names = "--password", paramLabel = "SECRET",
            description = "MQTT password (prefer --password-file or the environment variable " + PASSWORD_VARIABLE + ").")
    private String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the MQTT password from the first line of FILE.")
    private Path passwordFile;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "For mqtts://: trust this CA certificate (PEM) instead of the JVM's trust store.")
    private Path caFile;

    @Option(names = "--qos", paramLabel = "0|1", defaultValue = "1", description = "QoS of state messages (default ${DEFAULT-VALUE}).")
    private int qos;

    @Option(names = "--fault", paramLabel = "SPEC", description = "Inject a fault (repeatable), see above.")
    private List<String> faults = new ArrayList<>();

    @Option(names = "--progress", paramLabel = "D", converter = DurationConverter.class, defaultValue = "5s",
            description = "Print progress every D (default 5s).")
    private Duration progress;

    @Option(names = "--connect-concurrency", paramLabel = "N", defaultValue = "200",
            description = "Connections in progress at once during the connect storm (default ${DEFAULT-VALUE}).")
    private int connectConcurrency;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the simulated values (repeatable runs).")
    private Long seed;

    @Option(names = "--connections", paramLabel = "per-device|per-house", defaultValue = "per-device",
            converter = ConnectionsConverter.class,
            description = {"per-device (default): one MQTT connection per device, each with its own will;",
                "per-house: one connection per house, as its hub bridges its devices (client id hub-HOUSE, the",
                "  bridge's hub/bridge 1/0 notifications; a device's offline is published for it)."})
    private SimulatorOptions.Connections connections;

    @Override
    public Integer call() throws InterruptedException {
        validateUsage();
        Logging.quietConsole();
        PrintWriter out = spec.commandLine().getOut();
        SampleDevices samples = definitions();
        SimulationPlan plan = plan(samples);
        BrokerUrl target = target();
        List<FaultSpec> faultSpecs = new ArrayList<>();
        for (String text : faults) {
            FaultSpec fault = parseFault(text);
            if (!fault.kind().equals("storm")) {
                try {
                    fault.device(plan.devices().stream().map(SimulationPlan.PlannedDevice::address).toList());
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            faultSpecs.add(fault);
        }
        faultSpecs.sort(Comparator.comparing(FaultSpec::at));
        SimulatorOptions options = SimulatorOptions.defaults().withQos(qos).withCaFile(caFile)
                .withConnectConcurrency(connectConcurrency).withRate(rate == null ? 0 : rate).withConnections(connections);
        if (seed != null) {
            options = options.withSeed(seed);
        }
        Duration runFor = duration != null ? duration : scale != null ? DEFAULT_SCALE_DURATION : null;
        out.printf(Locale.ROOT, "simulating %d devices (%s) against %s%s%s%n", plan.devices().size(),
                connections == SimulatorOptions.Connections.PER_HOUSE ? "one connection per house" : "one connection per device", target,
                rate == null ? "" : String.format(Locale.ROOT, " at %.0f msg/s", rate),
                runFor == null ? " until Ctrl+C" : " for " + Durations.format(runFor));
        out.flush();

        SimulatorRuntime runtime;
        try {
            runtime = SimulatorRuntime.start(plan, target, options);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            interrupted.countDown();
            try {
                finished.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            run(runtime, runFor, faultSpecs, interrupted, out);
        } finally {
            runtime.stop();
            SimulatorStatus status = runtime.status();
            out.printf(Locale.ROOT, "sent=%d rate=%.1f%n", status.sent(), status.rate());
            out.flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C: the hook is running and waited for the line above
            }
        }
        SimulatorStatus status = runtime.status();
        if (status.sent() == 0 && status.connectProblem().isPresent()) {
            throw new CliFailure("no device could connect to " + target + ": " + status.connectProblem().get());
        }
        return 0;
    }

    private void run(SimulatorRuntime runtime, Duration runFor, List<FaultSpec> faultSpecs, CountDownLatch interrupted,
                     PrintWriter out) throws InterruptedException {
        long start = System.nanoTime();
        long end = runFor == null ? Long.MAX_VALUE : start + runFor.toNanos();
        long nextProgress = start + progress.toNanos();
        int nextFault = 0;
        long lastSent = 0;
        long lastNanos = start;
        while (true) {
            long now = System.nanoTime();
            while (nextFault < faultSpecs.size() && now - start >= faultSpecs.get(nextFault).at().toNanos()) {
                FaultSpec fault = faultSpecs.get(nextFault++);
                try {
                    fault.apply(runtime);
                    out.printf(Locale.ROOT, "%6.1fs fault %s:%s injected%n", (now - start) / 1e9, fault.kind(), fault.target());
                } catch (IllegalArgumentException e) {
                    out.printf(Locale.ROOT, "%6.1fs fault %s:%s not injected: %s%n", (now - start) / 1e9, fault.kind(),
                            fault.target(), e.getMessage());
                }
                out.flush();
            }
            if (now >= nextProgress) {
                SimulatorStatus status = runtime.status();
                double recent = (status.sent() - lastSent) / ((now - lastNanos) / 1e9);
                lastSent = status.sent();
                lastNanos = now;
                Runtime jvm = Runtime.getRuntime();
                out.printf(Locale.ROOT, "%6.1fs connected=%d/%d sent=%d (%.1f/s) failed=%d skipped=%d obeyed=%d refused=%d heap_mb=%d%s%n",
                        (now - start) / 1e9, status.connected(), status.devices(), status.sent(), recent,
                        status.failed(), status.skipped(), status.obeyed(), status.refused(),
                        (jvm.totalMemory() - jvm.freeMemory()) / (1024 * 1024),
                        status.connectStormTime().map(d -> " connect_ms=" + d.toMillis()).orElse("")
                                + status.connectProblem().filter(p -> status.connected() < status.devices())
                                        .map(p -> " (" + p + ")").orElse(""));
                out.flush();
                nextProgress += progress.toNanos();
            }
            if (now >= end) {
                return;
            }
            SimulatorStatus sofar = runtime.status();
            if (sofar.connected() == 0 && sofar.connectFailures() >= sofar.devices()
                    && sofar.connectProblem().isPresent()) {
                return; // every device failed to connect at least once and none is connected: call() fails
            }
            long wake = Math.min(end, nextProgress);
            if (nextFault < faultSpecs.size()) {
                wake = Math.min(wake, start + faultSpecs.get(nextFault).at().toNanos());
            }
            if (interrupted.await(Math.max(1, wake - now), TimeUnit.NANOSECONDS)) {
                return;
            }
        }
    }

    private void validateUsage() {
        if (qos < 0 || qos > 1) {
            throw new ParameterException(spec.commandLine(), "--qos must be 0 or 1");
        }
        if (rate != null && (rate <= 0 || !Double.isFinite(rate))) {
            throw new ParameterException(spec.commandLine(), "--rate must be more than 0 messages per second");
        }
        if (scale != null && scale < 1) {
            throw new ParameterException(spec.commandLine(), "--scale must be at least 1");
        }
        if (scale != null && (houses < 1 || houses > scale)) {
            throw new ParameterException(spec.commandLine(), "--houses must be from 1 to the --scale count");
        }
        if (perRoom < 1 || connectConcurrency < 1) {
            throw new ParameterException(spec.commandLine(), "--devices-per-room and --connect-concurrency must be at least 1");
        }
        if (duration != null && duration.isZero()) {
            throw new ParameterException(spec.commandLine(), "--duration must be longer than 0");
        }
        if (progress.isZero()) {
            throw new ParameterException(spec.commandLine(), "--progress must be longer than 0");
        }
        if (password != null && passwordFile != null) {
            throw new ParameterException(spec.commandLine(), "give --password or --password-file, not both");
        }
    }

    private FaultSpec parseFault(String text) {
        try {
            return FaultSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private SampleDevices definitions() {
        try {
            SampleDevices samples = SampleDevices.bundled();
            for (Path definition : definitions) {
                if (!Files.exists(definition)) {
                    throw new ParameterException(spec.commandLine(), "--definition " + definition + ": no such file or folder");
                }
                samples = samples.with(definition);
            }
            return samples;
        } catch (DefinitionException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }

    private SimulationPlan plan(SampleDevices samples) {
        HouseDefinition houseDefinition;
        boolean isFile = house.endsWith(".json") || house.contains("/") || house.contains("\\");
        try {
            if (isFile) {
                Path file = Path.of(house);
                if (!Files.isRegularFile(file)) {
                    throw new ParameterException(spec.commandLine(), "--house " + house + ": no such file");
                }
                houseDefinition = samples.readHouse(file);
            } else {
                houseDefinition = samples.house(house).orElse(null);
                if (houseDefinition == null && scale == null) {
                    throw new ParameterException(spec.commandLine(), "--house " + house + ": no such house (bundled: "
                            + String.join(", ", samples.houses().keySet()) + "; or give a file)");
                }
            }
        } catch (DefinitionException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        if (scale != null) {
            String slug = houseDefinition != null ? houseDefinition.slug() : house;
            try {
                return SimulationPlan.scale(scale, houses, slug, perRoom, samples);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return SimulationPlan.of(houseDefinition, samples);
    }

    /** The broker to use, with the credentials from the options, the file or the environment. */
    private BrokerUrl target() {
        BrokerUrl url;
        if (broker != null) {
            try {
                url = BrokerUrl.parse(broker);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        } else {
            Path dataDir = common.config().dataDir();
            Path portFile = dataDir.resolve(DomusCore.PORT_FILE);
            try {
                url = BrokerUrl.plain("127.0.0.1", Integer.parseInt(Files.readString(portFile).strip()));
            } catch (IOException | NumberFormatException e) {
                throw new CliFailure("no Domus is running on " + dataDir + " (no readable " + DomusCore.PORT_FILE
                        + "): start one with 'domus serve', or give --broker URL");
            }
        }
        String user = username != null ? username : url.username();
        String secret = password != null ? password : url.password();
        if (passwordFile != null) {
            try {
                secret = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            } catch (IOException e) {
                throw new CliFailure("cannot read the password file " + passwordFile + ": " + e.getMessage(), e);
            }
        }
        if (secret == null && System.getenv(PASSWORD_VARIABLE) != null) {
            secret = System.getenv(PASSWORD_VARIABLE);
        }
        if (user == null && secret != null) {
            throw new ParameterException(spec.commandLine(), "a password needs a --username");
        }
        if (user != null && secret == null) {
            throw new ParameterException(spec.commandLine(), "--username " + user + " needs a password: --password-file FILE, "
                    + PASSWORD_VARIABLE + ", or --password");
        }
        return url.withCredentials(user, secret);
    }

    static final class ConnectionsConverter implements ITypeConverter<SimulatorOptions.Connections> {
        @Override
        public SimulatorOptions.Connections convert(String text) {
            return switch (text) {
                case "per-device" -> SimulatorOptions.Connections.PER_DEVICE;
                case "per-house" -> SimulatorOptions.Connections.PER_HOUSE;
                default -> throw new TypeConversionException("'" + text + "' is not per-device or per-house");
            };
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return Durations.parse(text).orElseThrow(() ->
                    new TypeConversionException("'" + text + "' is not a duration (such as 30s, 5m, 2h)"));
        }
    }
}
