package org.domus.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.domus.app.DomusConfig;
import org.domus.app.DomusCore;
import org.domus.broker.BrokerStartException;
import org.domus.broker.MqttLink;
import org.domus.command.CommandPolicy;
import org.domus.command.CommandValues;
import org.domus.command.InvalidCommandException;
import org.domus.ingest.ParsedPayload;
import org.domus.ingest.PayloadParser;
import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.BrokerUrl;
import org.domus.model.Command;
import org.domus.model.CommandState;
import org.domus.model.OutboundMessage;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;
import org.domus.store.Database;
import org.domus.store.StoreOptions;
import picocli.CommandLine.ParameterException;

/**
 * {@code domus send} straight to a broker: publishes {@code …/set} with a trace id and, with {@code --wait},
 * follows the device's answer itself (echo, matching value, error, or timeout with the kind's retries). When
 * the broker is the console's own, the console follows the same command and records its trail.
 */
final class DirectSend {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final PrintWriter out;
    private final DomusConfig config;
    private final BrokerUrl target;
    private final SeriesPath series;
    private final String value;
    private final boolean waitForOutcome;
    private final Duration timeout;
    private final Function<String, ParameterException> invalid;

    /** An answer seen on the state topic: the state it leads to, and why. */
    private record Answer(CommandState state, String reason) {
    }

    DirectSend(PrintWriter out, DomusConfig config, BrokerUrl target, SeriesPath series, String value,
               boolean waitForOutcome, Duration timeout, Function<String, ParameterException> invalid) {
        this.out = out;
        this.config = config;
        this.target = target;
        this.series = series;
        this.value = value;
        this.waitForOutcome = waitForOutcome;
        this.timeout = timeout;
        this.invalid = invalid;
    }

    int run() {
        Model model = model();
        CommandPolicy policy = timeout == null ? model.policy : model.policy.withTimeout(timeout);
        String traceId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        MqttLink link;
        try {
            link = MqttLink.connect(target, "domus-send-" + traceId.substring(0, 8), CONNECT_TIMEOUT);
        } catch (BrokerStartException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        try (link) {
            if (waitForOutcome) {
                link.subscribe(series.topic(), message -> answer(message, model, traceId).ifPresent(answers::add));
            }
            OutboundMessage command = new OutboundMessage(series.topic() + "/set",
                    CommandValues.setPayload(model.kind, model.value, traceId), 1, false);
            int attempts = 0;
            while (true) {
                attempts++;
                publish(link, command);
                if (!waitForOutcome) {
                    return print(CommandState.PENDING, "published to " + target, model, traceId, started, attempts);
                }
                Answer answer = answers.poll(policy.timeout().toMillis(), TimeUnit.MILLISECONDS);
                if (answer != null) {
                    return print(answer.state(), answer.reason(), model, traceId, started, attempts);
                }
                if (attempts > policy.retries()) {
                    return print(CommandState.TIMED_OUT, "no answer within " + policy.timeout().toMillis() / 1000.0
                            + " s after " + attempts + " attempt" + (attempts == 1 ? "" : "s"), model, traceId,
                            started, attempts);
                }
                Answer early = answers.poll(policy.backoffBefore(attempts).toMillis(), TimeUnit.MILLISECONDS);
                if (early != null) {
                    return print(early.state(), early.reason(), model, traceId, started, attempts);
                }
            }
        } catch (BrokerStartException e) {
            throw new CliFailure(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while waiting for the answer (trace_id=" + traceId + ")", e);
        }
    }

    private void publish(MqttLink link, OutboundMessage command) {
        try {
            link.publish(command).orTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new CliFailure("the broker at " + target + " did not take the command: " + cause.getMessage(), e);
        }
    }

    /** What a message on the state topic says about this command, if anything. */
    private static java.util.Optional<Answer> answer(MqttLink.Received message, Model model, String traceId) {
        ParsedPayload payload;
        try {
            payload = PayloadParser.parse(message.payload());
        } catch (PayloadParser.PayloadException e) {
            return java.util.Optional.empty();
        }
        boolean ours = traceId.equals(payload.traceId());
        if (payload.error() != null && (ours || payload.traceId() == null)) {
            return java.util.Optional.of(new Answer(CommandState.REJECTED, "the device refused: " + payload.error()));
        }
        if (!payload.hasValue()) {
            return java.util.Optional.empty();
        }
        if (ours) {
            return java.util.Optional.of(new Answer(CommandState.CONFIRMED,
                    "the device echoed the trace id with " + payload.text()));
        }
        Reading reading = new Reading(model.series, Instant.now(), payload.text(), payload.number(), payload.kind(),
                null, false);
        if (payload.traceId() == null && !message.retained()
                && CommandValues.reports(model.kind, model.value, reading)) {
            return java.util.Optional.of(new Answer(CommandState.CONFIRMED,
                    "the device reported " + payload.text() + " (no trace id)"));
        }
        return java.util.Optional.empty();
    }

    private int print(CommandState state, String reason, Model model, String traceId, Instant started, int attempts) {
        Command result = new Command(0, traceId, series, model.value, model.kind, state, "cli", started,
                Instant.now(), null, null, attempts, reason);
        out.println(SendCommand.describe(result));
        out.flush();
        return state == CommandState.CONFIRMED || state == CommandState.PENDING ? 0 : 1;
    }

    /** The command's value checked against the model of the data folder when it knows the house. */
    private record Model(SeriesPath series, AttributeKind kind, String value, CommandPolicy policy) {
    }

    private Model model() {
        Path database = config.dataDir().resolve(DomusCore.DATABASE_FILE);
        if (Files.isRegularFile(database)) {
            try (Database store = Database.open(database, StoreOptions.defaults())) {
                if (store.houses().findHouse(series.house()).isPresent()) {
                    Attribute attribute = store.houses().findAttribute(series).orElseThrow(() ->
                            invalid.apply("unknown attribute " + series + ": no such house, device or attribute"));
                    String kind = store.houses().findDevice(series.deviceAddress()).map(d -> d.kind())
                            .orElse("unknown");
                    try {
                        return new Model(series, attribute.kind(), CommandValues.normalise(attribute, value),
                                config.commandPolicies().forKind(kind));
                    } catch (InvalidCommandException e) {
                        throw invalid.apply(e.getMessage());
                    }
                }
            }
        }
        AttributeKind kind = SendCommand.guessKind(value);
        String canonical = value.strip();
        if (kind == AttributeKind.BOOLEAN) {
            canonical = canonical.toLowerCase(java.util.Locale.ROOT);
        } else if (kind == AttributeKind.NUMERIC) {
            canonical = new java.math.BigDecimal(canonical).stripTrailingZeros().toPlainString();
        }
        if (canonical.isEmpty()) {
            throw invalid.apply("no value given for " + series);
        }
        return new Model(series, kind, canonical, config.commandPolicies().fallback());
    }
}
