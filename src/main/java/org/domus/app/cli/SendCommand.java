package org.domus.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.domus.app.DomusConfig;
import org.domus.app.DomusCore;
import org.domus.model.Durations;
import org.domus.command.CommandPolicy;
import org.domus.command.CommandValues;
import org.domus.command.InvalidCommandException;
import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.BrokerUrl;
import org.domus.model.CommandState;
import org.domus.model.SeriesPath;
import org.domus.store.CommandRepository;
import org.domus.store.Database;
import org.domus.store.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code domus send PATH VALUE}: through the running console of the data folder (its outbox, so the command is
 * validated, queued, retried and traced as the console's own), or straight to a broker with {@code --broker} or
 * {@code --mqtt-port}. Exit 0 confirmed (or sent, without {@code --wait}), 1 failed, 2 bad usage or invalid value.
 */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = org.domus.app.cli.VersionProvider.class,
        description = {"Send a command to a device and report its outcome.",
                "Without --broker or --mqtt-port the command goes through the console running on the data folder"
                        + " (domus serve or the window), which validates, queues, retries and records it."})
public final class SendCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Duration PICK_UP = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Mixin(name = CommonOptions.MIXIN_NAME)
    private CommonOptions common;

    @Parameters(index = "0", paramLabel = "PATH", description = "house/room/device/attribute, e.g. demo/living-room/ceiling-light/power")
    private String path;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The value to set, e.g. ON, 21.5, true.")
    private String value;

    @Option(names = "--wait", description = "Wait for the device's answer and report confirmed, rejected or timed out.")
    private boolean waitForOutcome;

    @Option(names = "--queue-for", paramLabel = "DURATION",
            description = "If the device is offline, keep the command this long (e.g. 10m, 2h) instead of failing at once.")
    private String queueFor;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "With --broker or --mqtt-port: how long to wait for each answer (default: the device kind's).")
    private String timeout;

    @Option(names = "--broker", paramLabel = "URL",
            description = "Send straight to this broker (mqtt://[user[:password]@]host[:port], mqtts://…).")
    private String broker;

    @Option(names = "--username", paramLabel = "NAME", description = "MQTT user with --broker or --mqtt-port.")
    private String username;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the MQTT password (or set DOMUS_MQTT_PASSWORD).")
    private Path passwordFile;

    @Override
    public Integer call() {
        SeriesPath series = parsePath();
        DomusConfig config = common.config();
        Duration queueing = queueFor == null ? null : duration("--queue-for", queueFor);
        Duration answerTimeout = timeout == null ? null : duration("--timeout", timeout);
        boolean direct = broker != null || common.overrides().mqttPort() != null;
        if (direct) {
            BrokerUrl target = target(config);
            return new DirectSend(spec.commandLine().getOut(), config, target, series, value, waitForOutcome,
                    answerTimeout, this::invalid).run();
        }
        if (answerTimeout != null) {
            throw invalid("--timeout applies with --broker or --mqtt-port; the console uses the device kind's timeout");
        }
        return throughConsole(config, series, queueing);
    }

    private Integer throughConsole(DomusConfig config, SeriesPath series, Duration queueing) {
        Path dataDir = config.dataDir();
        if (!Files.exists(dataDir.resolve(DomusCore.PORT_FILE))) {
            throw new CliFailure("no console is running on " + dataDir + ": start 'domus serve --data "
                    + CoreStarter.dataArgument(dataDir) + "' first, or send straight to a broker with --broker URL");
        }
        try (Database store = Database.open(dataDir.resolve(DomusCore.DATABASE_FILE), StoreOptions.defaults())) {
            Attribute attribute = store.houses().findAttribute(series).orElseThrow(() ->
                    invalid("unknown attribute " + series + ": no such house, device or attribute"));
            String canonical;
            try {
                canonical = CommandValues.normalise(attribute, value);
            } catch (InvalidCommandException e) {
                throw invalid(e.getMessage());
            }
            Instant now = Instant.now();
            org.domus.model.Command request = new org.domus.model.Command(0, java.util.UUID.randomUUID().toString(),
                    series, canonical, attribute.kind(), CommandState.REQUESTED, "cli", now, now,
                    queueing == null ? null : now.plus(queueing), null, 0, "requested from the command line");
            CommandRepository outbox = store.commands();
            outbox.insert(request).join();
            String kind = store.houses().findDevice(series.deviceAddress()).map(d -> d.kind()).orElse("unknown");
            CommandPolicy policy = config.commandPolicies().forKind(kind);
            Duration limit = PICK_UP.plus(queueing == null ? Duration.ZERO : queueing).plus(patience(policy));
            org.domus.model.Command seen = follow(outbox, request.traceId(), waitForOutcome ? limit : PICK_UP);
            if (seen.state() == CommandState.REQUESTED && outbox.withdraw(request.traceId(),
                    "the console did not pick it up within " + PICK_UP.toSeconds() + " s")) {
                throw new CliFailure("the console on " + dataDir + " did not pick up the command within "
                        + PICK_UP.toSeconds() + " s; is it running? (trace " + request.traceId() + ")");
            }
            return report(outbox.byTrace(request.traceId()).orElse(seen));
        }
    }

    /** How long a command may take in the console: every attempt's timeout plus the backoffs, and a margin. */
    static Duration patience(CommandPolicy policy) {
        Duration total = policy.timeout().multipliedBy(policy.retries() + 1L);
        for (int retry = 1; retry <= policy.retries(); retry++) {
            total = total.plus(policy.backoffBefore(retry));
        }
        return total.plusSeconds(2);
    }

    /** Reads the command every {@link #POLL} on a scheduler until it is done (or {@code limit} passes). */
    private org.domus.model.Command follow(CommandRepository outbox, String traceId, Duration limit) {
        AtomicReference<org.domus.model.Command> current = new AtomicReference<>(outbox.byTrace(traceId).orElseThrow());
        CompletableFuture<org.domus.model.Command> done = new CompletableFuture<>();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("domus-send-poll").daemon(true).factory());
        try {
            poller.scheduleWithFixedDelay(() -> {
                try {
                    org.domus.model.Command seen = outbox.byTrace(traceId).orElseThrow();
                    current.set(seen);
                    if (waitForOutcome ? seen.state().isFinal() : seen.state() != CommandState.REQUESTED) {
                        done.complete(seen);
                    }
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
            return done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return current.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return current.get();
        } catch (ExecutionException e) {
            throw new CliFailure("cannot read the command back from the outbox: " + e.getCause().getMessage(), e);
        } finally {
            poller.shutdownNow();
        }
    }


    private int report(org.domus.model.Command command) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(describe(command));
        out.flush();
        return switch (command.state()) {
            case CONFIRMED, PENDING, QUEUED, REQUESTED -> 0;
            default -> 1;
        };
    }

    static String describe(org.domus.model.Command command) {
        return command.state().label() + ": " + command.series() + " = " + command.value()
                + (command.reason().isEmpty() ? "" : " (" + command.reason() + ")") + " trace_id=" + command.traceId();
    }

    private SeriesPath parsePath() {
        try {
            return SeriesPath.parse(path);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private Duration duration(String option, String text) {
        try {
            Duration parsed = Durations.parse(text).orElseThrow(() -> new IllegalArgumentException(
                    "\"" + text + "\" is not a duration such as 500ms, 5s, 2m, 1h or 7d"));
            if (parsed.isZero()) {
                throw new IllegalArgumentException(option + " must be longer than zero");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw invalid(option + ": " + e.getMessage());
        }
    }

    private BrokerUrl target(DomusConfig config) {
        BrokerUrl url;
        try {
            url = broker != null ? BrokerUrl.parse(broker) : BrokerUrl.plain(config.mqttHost(), config.mqttPort());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (url.username() != null) {
            return url;
        }
        if (username != null) {
            return url.withCredentials(username, password().orElse(""));
        }
        Path secret = config.dataDir().resolve(DomusCore.CONSOLE_SECRET_FILE);
        if (Files.isReadable(secret)) {
            try {
                return url.withCredentials(DomusCore.CONSOLE_USER, Files.readString(secret, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new CliFailure("cannot read " + secret + ": " + e.getMessage(), e);
            }
        }
        return url;
    }

    private Optional<String> password() {
        if (passwordFile != null) {
            try {
                return Optional.of(Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new CliFailure("cannot read the password file " + passwordFile + ": " + e.getMessage(), e);
            }
        }
        return Optional.ofNullable(System.getenv("DOMUS_MQTT_PASSWORD"));
    }

    private ParameterException invalid(String reason) {
        return new ParameterException(spec.commandLine(), reason);
    }

    /** The kind a value has when no model says it: number, true/false, or text. */
    static AttributeKind guessKind(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return AttributeKind.BOOLEAN;
        }
        return NUMBER.matcher(lower).matches() ? AttributeKind.NUMERIC : AttributeKind.ENUM;
    }
}
