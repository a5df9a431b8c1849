package org.domus.ingest.vendor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.domus.ingest.TopicRoute;
import org.domus.model.InboundMessage;
import org.domus.model.InboundOutcome;
import org.domus.model.InboundSink;
import org.domus.model.Printable;
import org.domus.model.ProblemLog;
import org.domus.model.VendorCommandRoutes;
import org.domus.store.DeliveryReceipt;
import org.domus.store.IngestRecord;
import org.domus.store.TelemetryWriter;
import org.domus.store.VendorBinding;
import org.domus.store.VendorBindingRepository;
import org.domus.store.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest of vendor topics ({@code domus/{house}/raw/…}): Tasmota, Zigbee2MQTT, Shelly Gen2 and Home Assistant
 * discovery, mapped onto Domus devices in the house's inbox (room {@code raw}). Readings and the devices'
 * self-descriptions go to the store's writer in one record per message; the outcome is given only after that
 * record is committed, as for Domus's own topics. What discovery said is kept in the vendor bindings, because
 * ingest sees messages as the broker accepts them and retained discovery messages are not replayed after a
 * restart. {@link #accept} runs on broker threads and never blocks or throws; outcomes are given on the writer's
 * thread (or at once when nothing is stored).
 */
public final class VendorIngest {

    private static final Logger LOG = LoggerFactory.getLogger(VendorIngest.class);

    private final TelemetryWriter writer;
    private final VendorAdapters adapters;
    private final VendorCommands commands;
    private final ProblemLog problems = new ProblemLog(LOG, 60_000);
    private final LongAdder received = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder failures = new LongAdder();

    /** Loads the stored bindings (on the calling thread: call at start-up). */
    public VendorIngest(TelemetryWriter writer, VendorBindingRepository bindings) {
        this.writer = Objects.requireNonNull(writer, "writer");
        VendorRegistry registry = new VendorRegistry();
        List<DeviceSpec> specs = new ArrayList<>();
        for (VendorBinding binding : bindings.listAll()) {
            try {
                specs.add(DeviceSpec.of(binding));
            } catch (IllegalArgumentException e) {
                LOG.warn("Skipped a stored vendor binding (it will be rediscovered): {}", e.getMessage());
            }
        }
        registry.load(specs);
        if (!specs.isEmpty()) {
            LOG.info("Loaded {} vendor device bindings", specs.size());
        }
        this.adapters = new VendorAdapters(registry);
        this.commands = new VendorCommands(registry);
    }

    /**
     * Reads one message of a vendor topic and stores what it says; {@code outcome} is called exactly once:
     * STORED (after commit), DUPLICATE, IGNORED (a topic no adapter knows, or nothing to record), REFUSED (a
     * malformed payload, logged once and counted) or FAILED (the store could not commit: send again).
     */
    public void accept(InboundMessage message, TopicRoute.Raw raw, InboundSink.OutcomeCallback outcome) {
        received.increment();
        VendorOutcome read;
        try {
            read = adapters.read(raw.house(), raw.vendorTopic(), message.payload(), message.receivedAt());
        } catch (RuntimeException e) {
            // A bug, not bad input; the message is acknowledged: sending it again would hit the same bug.
            malformed.increment();
            problems.report("vendor-bug:" + e.getClass().getName(), "Could not read a vendor message on "
                    + Printable.of(message.topic(), 120) + ": " + e);
            outcome.done(InboundOutcome.refused("the vendor message could not be read"));
            return;
        }
        switch (read) {
            case VendorOutcome.Ignored ignore -> {
                ignored.increment();
                outcome.done(InboundOutcome.IGNORED);
            }
            case VendorOutcome.Malformed bad -> {
                malformed.increment();
                problems.report("vendor:" + raw.house() + ":" + raw.vendorTopic(), "Refused a " + bad.vendor()
                        + " message of client " + message.clientId() + " on " + Printable.of(message.topic(), 120)
                        + ": " + bad.reason());
                outcome.done(InboundOutcome.refused(bad.reason()));
            }
            case VendorOutcome.Parsed parsed -> submit(message, parsed, outcome);
        }
    }

    private void submit(InboundMessage message, VendorOutcome.Parsed parsed, InboundSink.OutcomeCallback outcome) {
        DeliveryReceipt receipt = message.qos() == 0 ? null
                : new DeliveryReceipt(message.clientId(), message.packetId(), contentHash(message),
                        message.redelivery());
        Set<BindingKey> touched = parsed.touched();
        writer.submit(new IngestRecord(parsed.readings(), parsed.declarations(), receipt,
                written -> outcome.done(toOutcome(written, touched))));
    }

    private InboundOutcome toOutcome(WriteOutcome written, Set<BindingKey> touched) {
        if (!written.committed()) {
            failures.increment();
            touched.forEach(adapters.registry()::markDirty);
            return InboundOutcome.failed(written.failureReason());
        }
        if (written.duplicate()) {
            return InboundOutcome.DUPLICATE;
        }
        if (written.unknownHouse() > 0) {
            touched.forEach(adapters.registry()::markDirty); // declared again if the house is created later
            return InboundOutcome.refused("unknown house");
        }
        stored.add(written.stored());
        return InboundOutcome.STORED;
    }

    /** How commands reach the vendor devices found here, in their own shapes. */
    public VendorCommandRoutes commands() {
        return commands;
    }

    /** Vendor messages refused as malformed since start. */
    public long malformed() {
        return malformed.sum();
    }

    public long received() {
        return received.sum();
    }

    public long ignored() {
        return ignored.sum();
    }

    /** Readings stored from vendor messages since start. */
    public long storedReadings() {
        return stored.sum();
    }

    public long failures() {
        return failures.sum();
    }

    /** Vendor devices known (bound) now. */
    public int knownDevices() {
        return adapters.registry().size();
    }

    /** FNV-1a over topic and payload, as IngestService computes it: tells a redelivery from a reused packet id. */
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
