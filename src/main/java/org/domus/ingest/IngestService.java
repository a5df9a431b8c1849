package org.domus.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.domus.ingest.vendor.VendorIngest;
import org.domus.model.CommandTraffic;
import org.domus.model.Device;
import org.domus.model.Event;
import org.domus.model.InboundMessage;
import org.domus.model.InboundOutcome;
import org.domus.model.InboundSink;
import org.domus.model.Printable;
import org.domus.model.ProblemLog;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;
import org.domus.store.DeliveryReceipt;
import org.domus.store.EventRepository;
import org.domus.store.IngestRecord;
import org.domus.store.TelemetryWriter;
import org.domus.store.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where device traffic is parsed. Each message becomes a {@link Reading} handed to the store's
 * writer; its outcome goes back to the broker only after the batch holding it is committed, so the broker can
 * acknowledge late. Bad input is refused with a one-line reason, logged once and counted; nothing stops.
 * {@link #accept} runs on broker threads; outcomes and listeners run on the writer's thread.
 */
public final class IngestService implements InboundSink {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final TelemetryWriter writer;
    private final EventRepository events;
    private final LiveState liveState;
    private final int saturatedAt;
    private final int drainedAt;
    private final ProblemLog problems = new ProblemLog(LOG, 60_000);
    private final ConcurrentLinkedQueue<Runnable> waitingForDrain = new ConcurrentLinkedQueue<>();
    private final LongAdder received = new LongAdder();
    private final LongAdder refusedTopics = new LongAdder();
    private final LongAdder refusedPayloads = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile CommandTraffic commandTraffic = CommandTraffic.NONE;
    private volatile VendorIngest vendors;
    private final RawTopics rawTopics = new RawTopics();
    private final HubMonitor hubs = new HubMonitor();

    /**
     * @param saturatedAt records queued for the writer above which the broker should stop reading from clients
     */
    public IngestService(TelemetryWriter writer, EventRepository events, LiveState liveState, int saturatedAt) {
        this.writer = writer;
        this.events = events;
        this.liveState = liveState;
        this.saturatedAt = saturatedAt;
        this.drainedAt = saturatedAt / 2;
        writer.addCommitListener(this::onCommitted);
    }

    /** The vendor and hub topics seen, newest payload per topic (for the installer's raw topics screen). */
    public RawTopics rawTopics() {
        return rawTopics;
    }

    /** Where devices' error answers and other clients' commands go (the command service). */
    public void setCommandTraffic(CommandTraffic traffic) {
        this.commandTraffic = java.util.Objects.requireNonNull(traffic, "traffic");
    }

    /** Where vendor topics ({@code domus/{house}/raw/…}) go: the adapters. Without them they are ignored. */
    public void setVendorIngest(VendorIngest adapters) {
        this.vendors = java.util.Objects.requireNonNull(adapters, "adapters");
    }

    @Override
    public void accept(InboundMessage message, OutcomeCallback outcome) {
        received.increment();
        TopicRoute route = TopicParser.parse(message.topic());
        switch (route) {
            case TopicRoute.Invalid invalid -> {
                refusedTopics.increment();
                problems.report("topic:" + message.clientId(), "Refused a message of client " + message.clientId()
                        + " on " + Printable.of(message.topic(), 120) + ": " + invalid.reason());
                outcome.done(InboundOutcome.refused(invalid.reason()));
            }
            case TopicRoute.State state -> store(message, state, outcome);
            case TopicRoute.Command command -> observeCommand(message, command, outcome);
            case TopicRoute.Raw raw -> {
                rawTopics.record(message.topic(), raw.house(), message.payload(), message.clientId(),
                        message.receivedAt());
                VendorIngest adapters = vendors;
                if (adapters == null) {
                    ignore(outcome);
                } else {
                    adapters.accept(message, raw, outcome);
                }
            }
            case TopicRoute.Hub hub -> {
                rawTopics.record(message.topic(), hub.house(), message.payload(), message.clientId(),
                        message.receivedAt());
                hubs.onHubTopic(message, hub.house(), hub.rest());
                ignore(outcome);
            }
        }
        if (message.house() != null && !(route instanceof TopicRoute.Invalid)) {
            hubs.onHouseMessage(message, message.house());
        }
    }

    /** Each house's hub: online or offline, last seen, its bridge's reconnects. */
    public HubMonitor hubs() {
        return hubs;
    }

    private void store(InboundMessage message, TopicRoute.State state, OutcomeCallback outcome) {
        if (message.payload().length == 0) {
            ignore(outcome); // an empty retained message clears the retained value: nothing to record
            return;
        }
        ParsedPayload payload = parse(message, state.series(), outcome);
        if (payload == null) {
            return;
        }
        String traceId = payload.traceId();
        if (payload.error() != null) {
            // An error answer to a command; a value beside it is the unchanged state, not the command's echo.
            commandTraffic.refused(state.series(), traceId, payload.error());
            traceId = null;
            if (!payload.hasValue()) {
                ignore(outcome);
                return;
            }
        }
        boolean fromDevice = payload.timestamp() != null;
        Reading reading = new Reading(state.series(), fromDevice ? payload.timestamp() : message.receivedAt(),
                payload.text(), payload.number(), payload.kind(), traceId, fromDevice);
        DeliveryReceipt receipt = message.qos() == 0 ? null
                : new DeliveryReceipt(message.clientId(), message.packetId(), contentHash(message),
                        message.redelivery());
        writer.submit(new IngestRecord(List.of(reading), receipt, written -> outcome.done(toOutcome(written))));
    }

    /** A command another client published on {@code …/set}: told to the command service, not stored. */
    private void observeCommand(InboundMessage message, TopicRoute.Command command, OutcomeCallback outcome) {
        ParsedPayload payload = parse(message, command.series(), outcome);
        if (payload == null) {
            return;
        }
        if (payload.hasValue()) {
            commandTraffic.published(command.series(), payload.text(), payload.kind(), payload.traceId(),
                    message.clientId());
        }
        ignore(outcome);
    }

    /** The parsed payload, or null after refusing the message (logged once, counted, outcome told). */
    private ParsedPayload parse(InboundMessage message, SeriesPath series, OutcomeCallback outcome) {
        try {
            return PayloadParser.parse(message.payload());
        } catch (PayloadParser.PayloadException e) {
            refusedPayloads.increment();
            problems.report("payload:" + message.clientId() + ":" + series,
                    "Refused a message of client " + message.clientId() + " on " + message.topic() + ": "
                            + e.getMessage());
            outcome.done(InboundOutcome.refused(e.getMessage()));
            return null;
        }
    }

    private InboundOutcome toOutcome(WriteOutcome written) {
        if (!written.committed()) {
            failures.increment();
            return InboundOutcome.failed(written.failureReason());
        }
        if (written.duplicate()) {
            duplicates.increment();
            return InboundOutcome.DUPLICATE;
        }
        if (written.unknownHouse() > 0) {
            refusedTopics.increment();
            return InboundOutcome.refused("unknown house");
        }
        stored.add(written.stored());
        return InboundOutcome.STORED;
    }

    private void ignore(OutcomeCallback outcome) {
        ignored.increment();
        outcome.done(InboundOutcome.IGNORED);
    }

    private void onCommitted(List<Reading> readings, List<Device> discovered) {
        liveState.apply(readings, discovered);
        for (Device device : discovered) {
            LOG.info("New device discovered: {} (waiting in the inbox of house {})", device.address(),
                    device.address().house());
            events.append(new Event(0, Instant.now(), "device.discovered", device.address().house(),
                    device.address().toString(), null, "first message seen; waiting to be placed in a room"));
        }
        if (!waitingForDrain.isEmpty() && writer.queuedRecords() <= drainedAt) {
            Runnable action;
            while ((action = waitingForDrain.poll()) != null) {
                action.run();
            }
        }
    }

    @Override
    public boolean saturated() {
        return writer.queuedRecords() >= saturatedAt;
    }

    @Override
    public void whenDrained(Runnable action) {
        if (writer.queuedRecords() <= drainedAt) {
            action.run();
            return;
        }
        waitingForDrain.add(action);
        // The writer may have drained between the check and the add: check again.
        if (writer.queuedRecords() <= drainedAt && waitingForDrain.remove(action)) {
            action.run();
        }
    }

    public IngestMetrics metrics() {
        return new IngestMetrics(received.sum(), stored.sum(), duplicates.sum(), refusedTopics.sum(),
                refusedPayloads.sum(), ignored.sum(), failures.sum(), writer.queuedRecords());
    }

    /** FNV-1a over topic and payload: tells a redelivery from a new message that reuses a packet id. */
    static long contentHash(InboundMessage message) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : message.topic().getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash = (hash ^ 0xff) * 0x100000001b3L;
        for (byte b : message.payload()) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }
}
