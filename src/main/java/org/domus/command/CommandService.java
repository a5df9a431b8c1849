package org.domus.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.domus.model.Attribute;
import org.domus.model.AttributeKind;
import org.domus.model.Command;
import org.domus.model.CommandState;
import org.domus.model.CommandTraffic;
import org.domus.model.Device;
import org.domus.model.DeviceAddress;
import org.domus.model.Event;
import org.domus.model.MessagePublisher;
import org.domus.model.OutboundMessage;
import org.domus.model.Printable;
import org.domus.model.ProblemLog;
import org.domus.model.Reading;
import org.domus.model.SeriesPath;
import org.domus.model.VendorCommandRoutes;
import org.domus.store.CommandRepository;
import org.domus.store.CommitListener;
import org.domus.store.EventRepository;
import org.domus.store.HouseRepository;
import org.domus.store.TelemetryWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends commands and follows each one to its end: validates the value, writes the outbox row, publishes
 * {@code …/set} at QoS 1 with a fresh trace id, and matches the device's answer among the committed readings
 * (the trace id echoed, or a matching value), its error answer, or the timeout (with retries). Commands for an
 * offline device are queued until it is back or fail at once; open commands survive a restart. Every change is
 * an event with the command's trace id, and goes to the {@link CommandListener}s.
 *
 * <p>Threads: {@link #send} validates on the caller's thread and returns at once; all state lives on the store's
 * writer thread, where listeners are called and outcomes completed (decision 0014). Inputs from other threads (a
 * send, an error answer, another client's command, a timer) are {@link TelemetryWriter#run run} there, inside the
 * writer's transaction, so a command's outbox row and events are committed in one go and the message is published
 * from that commit's completion; answers are matched in {@link #onCommitted}, right after their commit, with no
 * hand-off. The only other thread is a timer ({@code domus-command-timers}) that wakes once per earliest deadline
 * and hands the deadline to the writer.
 */
public final class CommandService implements CommitListener, CommandTraffic, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);
    private static final String STATUS = "status";
    private static final int RECENTLY_CLOSED = 10_000;
    private static final long TARGET_TTL_NANOS = 1_000_000_000L;
    private static final int MAX_TARGETS = 10_000;
    /** How often the outbox is checked for commands another process wrote ({@code domus send}). */
    private static final long REQUEST_POLL_MILLIS = 200;

    private final CommandRepository outbox;
    private final HouseRepository houses;
    private final EventRepository events;
    private final MessagePublisher publisher;
    private final VendorCommandRoutes vendorRoutes;
    private final CommandPolicies policies;
    private final Clock clock;
    private final TelemetryWriter writer;
    private final ScheduledExecutorService timers;
    private final ProblemLog problems = new ProblemLog(LOG, 60_000);
    private final List<CommandListener> listeners = new CopyOnWriteArrayList<>();
    private volatile CommandStages stages = CommandStages.NONE;

    private final Map<SeriesPath, Target> targets = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile int openCount;

    // Writer thread only.
    private final Map<String, Open> open = new HashMap<>();
    private final Map<SeriesPath, Open> openBySeries = new HashMap<>();
    private final Set<String> closedTraces = new HashSet<>();
    private final ArrayDeque<String> closedOrder = new ArrayDeque<>();
    private final List<Confirmation> confirming = new ArrayList<>();
    private final Map<DeviceAddress, Boolean> online = new HashMap<>();
    /** Every armed timer, earliest first; a cancelled one stays until it reaches the head (see {@link #arm}). */
    private final PriorityQueue<Due> deadlines = new PriorityQueue<>();
    /** The one scheduled wake-up of the timer thread, and when it is due (nanoTime). */
    private ScheduledFuture<?> wakeUp;
    private long wakeUpAt;

    private final LongAdder published = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder observed = new LongAdder();
    private final LongAdder unmatchedAnswers = new LongAdder();
    private final LongAdder lateAnswers = new LongAdder();
    private final Map<CommandState, LongAdder> finished = new ConcurrentHashMap<>();

    /** A command not yet final, with what the writer thread needs to drive it. Writer thread only. */
    private static final class Open {
        Command command;
        final CommandPolicy policy;
        final OutboundMessage message;
        final CompletableFuture<Command> outcome = new CompletableFuture<>();
        final boolean inOutbox;
        /** Bumped whenever a timer is armed or cancelled: a {@link Due} of an older generation is void. */
        long timerGeneration;
        /** Its confirmed state, written in the transaction being committed; closed once that commit succeeds. */
        Command confirmingAs;
        /** Whether the writer took the command (after close, a send that was never taken fails its outcome). */
        volatile boolean taken;

        Open(Command command, CommandPolicy policy, OutboundMessage message, boolean inOutbox) {
            this.command = command;
            this.policy = policy;
            this.message = message;
            this.inOutbox = inOutbox;
        }
    }

    /** A command confirmed by {@code answer} in the transaction being committed, from state {@code from}. */
    private record Confirmation(Open entry, Command from, Command confirmed, Reading answer) {
    }

    /** A timer: at {@code atNanos}, {@code action} runs on the writer thread unless its entry's timer changed since. */
    private record Due(long atNanos, Open entry, long generation, Runnable action) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            return Long.compare(atNanos, other.atNanos);
        }

        boolean live() {
            return entry == null || entry.timerGeneration == generation;
        }
    }

    public CommandService(CommandRepository outbox, HouseRepository houses, EventRepository events,
                          MessagePublisher publisher, VendorCommandRoutes vendorRoutes, CommandPolicies policies,
                          Clock clock, TelemetryWriter writer) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.houses = Objects.requireNonNull(houses, "houses");
        this.events = Objects.requireNonNull(events, "events");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.vendorRoutes = Objects.requireNonNull(vendorRoutes, "vendorRoutes");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("domus-command-timers").daemon(true).factory());
    }

    /** Resumes the commands a previous run left open: queued ones wait on, pending ones are published again. */
    public void start() {
        List<Command> left = outbox.open();
        post(() -> left.forEach(this::resume));
        if (!left.isEmpty()) {
            LOG.info("Resuming {} open command(s) from the outbox", left.size());
        }
        timers.scheduleWithFixedDelay(this::lookForRequests, 0, REQUEST_POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    public void addListener(CommandListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(CommandListener listener) {
        listeners.remove(listener);
    }

    /** Where the stages of every command are timed (the benchmark's breakdown); {@link CommandStages#NONE} by default. */
    public void timeStages(CommandStages observer) {
        this.stages = Objects.requireNonNull(observer, "observer");
    }

    private void stage(String traceId, CommandStages.Stage stage) {
        CommandStages observer = stages;
        if (observer != CommandStages.NONE) {
            observer.reached(traceId, stage, System.nanoTime());
        }
    }

    /**
     * Sends {@code series := value}. Validates on the calling thread and returns at once.
     *
     * @throws InvalidCommandException (before anything is written or published) when the attribute is unknown or
     *                                 read-only or the value does not fit it
     */
    public SentCommand send(SeriesPath series, String value, SendOptions options) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(options, "options");
        Target target = target(series);
        Attribute attribute = target.attribute();
        String canonical = CommandValues.normalise(attribute, value);
        CommandPolicy policy = policies.forKind(target.deviceKind());
        if (options.timeout() != null) {
            policy = policy.withTimeout(options.timeout());
        }
        String traceId = newTraceId();
        Instant now = clock.instant();
        Instant expiry = options.queueFor() == null ? null : now.plus(options.queueFor());
        Command command = new Command(0, traceId, series, canonical, attribute.kind(), CommandState.PENDING,
                options.source(), now, now, expiry, null, 0, "requested by " + options.source());
        Open entry = new Open(command, policy, messageFor(series, attribute.kind(), canonical, traceId), false);
        if (closed) {
            throw new IllegalStateException("the command service is closed");
        }
        writer.run(() -> guarded("send", () -> begin(entry), entry)).whenComplete((ignored, error) -> {
            if (error != null && !entry.taken) {
                entry.outcome.completeExceptionally(new IllegalStateException(
                        "the command service could not take the command: " + rootMessage(error), error));
            }
        });
        return new SentCommand(traceId, entry.outcome);
    }

    /** What a command is checked against: the attribute and its device's kind, read at {@code readAt} nanos. */
    private record Target(Attribute attribute, String deviceKind, long readAt) {
    }

    /**
     * The attribute and device kind of {@code series}, from the store or, for a second or less, from a cache: a
     * console sending to the same attribute again (a dimmer dragged) does not read the store each time, and an
     * edit of the model is seen within {@link #TARGET_TTL_NANOS}.
     */
    private Target target(SeriesPath series) {
        long now = System.nanoTime();
        Target cached = targets.get(series);
        if (cached != null && now - cached.readAt() < TARGET_TTL_NANOS) {
            return cached;
        }
        Attribute attribute = houses.findAttribute(series).orElseThrow(() -> new InvalidCommandException(
                "unknown attribute " + series + ": no such house, device or attribute"));
        String kind = houses.findDevice(series.deviceAddress()).map(Device::kind).orElse("unknown");
        if (targets.size() >= MAX_TARGETS) {
            targets.clear();
        }
        Target fresh = new Target(attribute, kind, now);
        targets.put(series, fresh);
        return fresh;
    }

    /** The commands still open, oldest first. Thread-safe (a snapshot taken on the writer thread). */
    public List<Command> openCommands() {
        if (writer.isWriterThread()) {
            return snapshot();
        }
        CompletableFuture<List<Command>> taken = new CompletableFuture<>();
        writer.run(() -> taken.complete(snapshot())).whenComplete((ignored, error) -> {
            if (error != null) {
                taken.completeExceptionally(error);
            }
        });
        return taken.join();
    }

    private List<Command> snapshot() {
        return open.values().stream().map(o -> o.command).sorted(Comparator.comparing(Command::createdAt)).toList();
    }

    public CommandMetrics metrics() {
        return new CommandMetrics(published.sum(), retries.sum(), count(CommandState.CONFIRMED),
                count(CommandState.REJECTED), count(CommandState.TIMED_OUT), count(CommandState.SUPERSEDED),
                count(CommandState.EXPIRED), count(CommandState.FAILED), observed.sum(), unmatchedAnswers.sum(),
                lateAnswers.sum(), openCount);
    }

    private long count(CommandState state) {
        LongAdder adder = finished.get(state);
        return adder == null ? 0 : adder.sum();
    }

    private OutboundMessage messageFor(SeriesPath series, AttributeKind kind, String value, String traceId) {
        return vendorRoutes.route(series, kind, value).orElseGet(() -> new OutboundMessage(
                series.topic() + "/set", CommandValues.setPayload(kind, value, traceId), 1, false));
    }

    // ---- on the writer thread --------------------------------------------------------------------------------

    /** On the timer thread: reads the outbox for commands another process asked for, hands them to the writer. */
    private void lookForRequests() {
        List<Command> requested;
        try {
            requested = outbox.requested();
        } catch (RuntimeException e) {
            problems.report("requests", "Cannot read requested commands from the outbox: " + rootMessage(e));
            return;
        }
        if (!requested.isEmpty()) {
            post(() -> pickUpRequests(requested));
        }
    }

    /** Commands {@code domus send} wrote into the outbox: checked again, then sent like the console's own. */
    private void pickUpRequests(List<Command> requested) {
        for (Command request : requested) {
            if (open.containsKey(request.traceId()) || closedTraces.contains(request.traceId())) {
                continue;
            }
            String deviceKind = houses.findDevice(request.series().deviceAddress()).map(Device::kind)
                    .orElse("unknown");
            Command command = request.moveTo(CommandState.PENDING, clock.instant(), request.reason());
            Open entry = new Open(command, policies.forKind(deviceKind),
                    messageFor(command.series(), command.kind(), command.value(), command.traceId()), true);
            try {
                Attribute attribute = houses.findAttribute(request.series()).orElseThrow(() ->
                        new InvalidCommandException("unknown attribute " + request.series()));
                if (!CommandValues.normalise(attribute, request.value()).equals(request.value())) {
                    throw new InvalidCommandException("the value " + request.value() + " is not in canonical form");
                }
            } catch (InvalidCommandException e) {
                track(entry);
                finish(entry, CommandState.FAILED, e.getMessage());
                continue;
            }
            begin(entry);
        }
    }

    private void begin(Open entry) {
        entry.taken = true;
        if (closed) {
            entry.outcome.completeExceptionally(new IllegalStateException("the command service is closed"));
            return;
        }
        Command command = entry.command;
        stage(command.traceId(), CommandStages.Stage.TAKEN);
        event(command, "requested", "asked to set " + command.value() + " by " + command.source());
        supersedeOthers(command);
        track(entry);
        if (deviceIsOffline(command.series().deviceAddress())) {
            if (command.expiresAt() == null) {
                finish(entry, CommandState.FAILED, "device offline");
                if (!entry.inOutbox) {
                    outbox.insert(entry.command);
                }
                return;
            }
            entry.command = command.moveTo(CommandState.QUEUED, clock.instant(),
                    "device offline: queued until " + command.expiresAt());
            write(entry);
            event(entry.command, "queued", entry.command.reason());
            armExpiry(entry);
            notifyListeners(entry.command);
            return;
        }
        // The row is written as published, in this same transaction; the message leaves only once it is committed
        // (the outbox rule), from the commit's completion on this thread: no hand-off.
        markPublished(entry, "published");
        write(entry).whenComplete((stored, error) -> {
            if (error != null) {
                finish(entry, CommandState.FAILED, "the outbox could not be written: " + rootMessage(error));
            } else if (!entry.command.state().isFinal()) {
                stage(entry.command.traceId(), CommandStages.Stage.OUTBOX_COMMITTED);
                transmit(entry);
            }
        });
    }

    private CompletableFuture<?> write(Open entry) {
        return entry.inOutbox ? outbox.update(entry.command) : outbox.insert(entry.command);
    }

    private void resume(Command command) {
        if (open.containsKey(command.traceId())) {
            return;
        }
        AttributeKind kind = command.kind();
        String deviceKind = houses.findDevice(command.series().deviceAddress()).map(Device::kind).orElse("unknown");
        Open entry = new Open(command, policies.forKind(deviceKind),
                messageFor(command.series(), kind, command.value(), command.traceId()), true);
        supersedeOthers(command);
        track(entry);
        if (command.state() == CommandState.QUEUED) {
            armExpiry(entry);
            if (!deviceIsOffline(command.series().deviceAddress())) {
                deliverQueued(command.series().deviceAddress());
            }
            return;
        }
        publish(entry, "published again after a restart");
    }

    private void track(Open entry) {
        open.put(entry.command.traceId(), entry);
        openBySeries.put(entry.command.series(), entry);
        openCount = open.size();
    }

    private void supersedeOthers(Command newer) {
        Open older = openBySeries.get(newer.series());
        if (older != null && !older.command.traceId().equals(newer.traceId())) {
            finish(older, CommandState.SUPERSEDED, "superseded by " + newer.traceId() + " (" + newer.value() + ")");
        }
    }

    /** Publishes an open command (again): records the attempt, then sends. */
    private void publish(Open entry, String why) {
        markPublished(entry, why);
        outbox.update(entry.command);
        transmit(entry);
    }

    /** Moves the command to a new attempt, pending until its timeout. */
    private void markPublished(Open entry, String why) {
        Instant now = clock.instant();
        entry.command = entry.command.published(now, now.plus(entry.policy.timeout()),
                why + " to " + entry.message.topic() + ", attempt " + (entry.command.attempts() + 1));
        Command sent = entry.command;
        event(sent, "published", sent.reason());
        notifyListeners(sent);
        published.increment();
        arm(entry, entry.policy.timeout().toMillis(), () -> onTimeout(entry, sent.attempts()));
    }

    /** Hands the message to the broker. */
    private void transmit(Open entry) {
        var routed = publisher.publish(entry.message);
        stage(entry.command.traceId(), CommandStages.Stage.HANDED_TO_BROKER);
        int attempt = entry.command.attempts();
        routed.whenComplete((ignored, error) -> {
            if (error != null) {
                // On a broker thread: back to the writer only when it failed.
                post(() -> {
                    if (entry.command.state() == CommandState.PENDING && entry.command.attempts() == attempt) {
                        finish(entry, CommandState.FAILED, "the broker did not take it: " + rootMessage(error));
                    }
                });
            }
        });
    }

    private void onTimeout(Open entry, int attempt) {
        if (entry.command.state() != CommandState.PENDING || entry.command.attempts() != attempt) {
            return;
        }
        int retry = attempt; // attempts so far = retries used + 1
        if (retry <= entry.policy.retries()) {
            Duration wait = entry.policy.backoffBefore(retry);
            event(entry.command, "retrying", "no answer within " + seconds(entry.policy.timeout()) + "; retry "
                    + retry + " of " + entry.policy.retries() + " in " + seconds(wait));
            retries.increment();
            arm(entry, wait.toMillis(), () -> {
                if (entry.command.state() == CommandState.PENDING && entry.command.attempts() == attempt) {
                    publish(entry, "retried");
                }
            });
            return;
        }
        finish(entry, CommandState.TIMED_OUT, "no answer within " + seconds(entry.policy.timeout()) + " after "
                + attempt + (attempt == 1 ? " attempt" : " attempts"));
    }

    private void armExpiry(Open entry) {
        Instant expiry = entry.command.expiresAt();
        if (expiry == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), expiry).toMillis());
        arm(entry, delay, () -> {
            if (entry.command.state() == CommandState.QUEUED) {
                finish(entry, CommandState.EXPIRED, "the device stayed offline until the command expired");
            }
        });
    }

    private void deliverQueued(DeviceAddress device) {
        List<Open> queued = new ArrayList<>();
        for (Open entry : open.values()) {
            if (entry.command.state() == CommandState.QUEUED && entry.command.series().deviceAddress().equals(device)) {
                queued.add(entry);
            }
        }
        queued.sort(Comparator.comparing((Open o) -> o.command.createdAt()).thenComparing(o -> o.command.traceId()));
        Instant now = clock.instant();
        for (Open entry : queued) {
            if (entry.command.expiresAt() != null && !now.isBefore(entry.command.expiresAt())) {
                finish(entry, CommandState.EXPIRED, "the device stayed offline until the command expired");
            } else {
                publish(entry, "device back online; published");
            }
        }
    }

    private void finish(Open entry, CommandState state, String reason) {
        if (entry.command.state().isFinal()) {
            return;
        }
        Command closing = entry.command.moveTo(state, clock.instant(), reason);
        recordFinal(entry, closing);
        closeAs(entry, closing);
    }

    /** Writes a command's final state: its outbox row and its event. */
    private void recordFinal(Open entry, Command closing) {
        if (entry.inOutbox || closing.attempts() > 0 || closing.state() != CommandState.FAILED) {
            outbox.update(closing);
        }
        event(closing, closing.state().label(), closing.reason());
    }

    /** Ends a command in memory, once its final state is written (or on its way): listeners, then its outcome. */
    private void closeAs(Open entry, Command closing) {
        cancelTimer(entry);
        entry.command = closing;
        entry.confirmingAs = null;
        String trace = closing.traceId();
        open.remove(trace);
        openCount = open.size();
        if (openBySeries.get(closing.series()) == entry) {
            openBySeries.remove(closing.series());
        }
        rememberClosed(trace);
        finished.computeIfAbsent(closing.state(), s -> new LongAdder()).increment();
        notifyListeners(closing);
        if (closing.state() == CommandState.CONFIRMED) {
            stage(trace, CommandStages.Stage.CONFIRMED);
        }
        entry.outcome.complete(closing);
    }

    private void rememberClosed(String trace) {
        closedTraces.add(trace);
        closedOrder.add(trace);
        while (closedOrder.size() > RECENTLY_CLOSED) {
            closedTraces.remove(closedOrder.poll());
        }
    }

    private boolean deviceIsOffline(DeviceAddress device) {
        Boolean known = online.get(device);
        if (known == null) {
            known = outbox.latestText(device.attribute(STATUS)).map(s -> !isOffline(s)).orElse(true);
            online.putIfAbsent(device, known);
        }
        return !known;
    }

    private static boolean isOffline(String status) {
        return status.strip().toLowerCase(Locale.ROOT).equals("offline");
    }

    /** A reading (no status) that was stored: counted as a stray when it carries a trace id that matches nothing. */
    private void answered(Reading reading) {
        Open entry = reading.traceId() != null ? open.get(reading.traceId()) : openBySeries.get(reading.series());
        if (entry == null && reading.traceId() != null) {
            noteStrayAnswer(reading.traceId(), reading.series());
        }
    }

    /** The open command {@code reading} confirms, not yet confirmed in this batch; or null. */
    private Open confirmedBy(Reading reading) {
        if (reading.traceId() == null && !openBySeries.containsKey(reading.series())) {
            return null;
        }
        Open entry = reading.traceId() != null ? open.get(reading.traceId()) : openBySeries.get(reading.series());
        if (entry == null || entry.confirmingAs != null || !entry.command.series().equals(reading.series())
                || entry.command.state() != CommandState.PENDING) {
            return null;
        }
        if (reading.traceId() == null && !CommandValues.reports(entry.command.kind(), entry.command.value(), reading)) {
            return null;
        }
        return entry;
    }

    private static String confirmation(Reading reading) {
        return reading.traceId() != null ? "the device echoed the trace id with " + reading.text()
                : "the device reported " + reading.text() + " (no trace id)";
    }

    private void noteStrayAnswer(String traceId, SeriesPath series) {
        if (closedTraces.contains(traceId)) {
            lateAnswers.increment();
            return;
        }
        unmatchedAnswers.increment();
        problems.report("unmatched:" + series.deviceAddress(), "An answer on " + series + " carries trace id "
                + Printable.of(traceId, 64) + ", which matches no command");
    }

    private void refusedOnWriter(SeriesPath series, String traceId, String reason) {
        Open entry = traceId != null ? open.get(traceId) : openBySeries.get(series);
        if (entry == null || !entry.command.series().equals(series)) {
            if (traceId != null) {
                noteStrayAnswer(traceId, series);
            }
            return;
        }
        if (entry.command.state() == CommandState.PENDING) {
            finish(entry, CommandState.REJECTED, "the device refused: " + reason);
        }
    }

    private void statusChanged(DeviceAddress device, boolean nowOnline) {
        Boolean before = online.put(device, nowOnline);
        if (nowOnline && !Boolean.TRUE.equals(before)) {
            deliverQueued(device);
        }
    }

    private void observedOnWriter(SeriesPath series, String value, AttributeKind kind, String traceId, String client) {
        if (traceId != null && (open.containsKey(traceId) || closedTraces.contains(traceId))) {
            return; // our own command coming back through an external broker
        }
        observed.increment();
        String deviceKind = houses.findDevice(series.deviceAddress()).map(Device::kind).orElse("unknown");
        Optional<Attribute> attribute = houses.findAttribute(series);
        AttributeKind commandKind = attribute.map(Attribute::kind).orElse(kind);
        Instant now = clock.instant();
        String trace = traceId != null ? traceId : newTraceId();
        Command command = new Command(0, trace, series, value, commandKind, CommandState.PENDING, "mqtt:" + client,
                now, now, null, now.plus(policies.forKind(deviceKind).timeout()), 1,
                "published by MQTT client " + client);
        Open entry = new Open(command, policies.forKind(deviceKind), messageFor(series, commandKind, value, trace),
                true);
        event(command, "observed", "client " + client + " published " + value + " on " + series.topic() + "/set");
        supersedeOthers(command);
        track(entry);
        outbox.insert(command);
        notifyListeners(command);
        // Someone else published it: wait for the answer without publishing, and without retries.
        arm(entry, entry.policy.timeout().toMillis(), () -> {
            if (entry.command.state() == CommandState.PENDING) {
                finish(entry, CommandState.TIMED_OUT, "no answer within " + seconds(entry.policy.timeout()));
            }
        });
    }

    // ---- timers ------------------------------------------------------------------------------------------------

    /**
     * Runs {@code action} on the writer thread in {@code delayMillis}, replacing the entry's timer. No task is
     * scheduled per command: the timer thread is woken once for the earliest deadline (a command answered in a
     * millisecond leaves a void entry behind, dropped when it reaches the head), so the round trip of a command
     * wakes no thread but the writer.
     */
    private void arm(Open entry, long delayMillis, Runnable action) {
        entry.timerGeneration++;
        Due due = new Due(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis), entry,
                entry.timerGeneration, action);
        deadlines.add(due);
        scheduleWakeUp();
    }

    private void cancelTimer(Open entry) {
        entry.timerGeneration++;
    }

    /** Makes sure the timer thread wakes for the earliest live deadline (writer thread). */
    private void scheduleWakeUp() {
        while (!deadlines.isEmpty() && !deadlines.peek().live()) {
            deadlines.poll();
        }
        Due first = deadlines.peek();
        if (first == null || closed) {
            return;
        }
        if (wakeUp != null && !wakeUp.isDone() && wakeUpAt <= first.atNanos()) {
            return; // it wakes in time (perhaps early, then it looks again)
        }
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        wakeUpAt = first.atNanos();
        try {
            wakeUp = timers.schedule(() -> post(this::runDue), Math.max(0, wakeUpAt - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            LOG.debug("The command service is closed; a timer was not armed");
        }
    }

    /** Runs the timers that are due, then arms the wake-up for the next one (writer thread). */
    private void runDue() {
        wakeUp = null;
        long now = System.nanoTime();
        while (!deadlines.isEmpty() && deadlines.peek().atNanos() <= now) {
            Due due = deadlines.poll();
            if (due.live()) {
                due.entry().timerGeneration++;
                try {
                    due.action().run();
                } catch (RuntimeException e) {
                    problems.report("timer", "A command timer failed: " + rootMessage(e));
                }
            }
        }
        scheduleWakeUp();
    }

    private void event(Command command, String what, String detail) {
        events.append(new Event(0, clock.instant(), "command." + what, command.series().house(),
                command.series().toString(), command.traceId(), detail));
    }

    private void notifyListeners(Command command) {
        for (CommandListener listener : listeners) {
            try {
                listener.commandChanged(command);
            } catch (RuntimeException e) {
                problems.report("listener:" + listener.getClass().getName(),
                        "A command listener failed: " + rootMessage(e));
            }
        }
    }

    // ---- inputs from other threads -------------------------------------------------------------------------

    /**
     * On the writer thread, inside the transaction that stored {@code stored}, before it commits: the commands
     * these answers confirm get their final row and event written into that same transaction, so a confirmed
     * command and its answer are committed together. They are closed in memory (listeners, outcome) only in
     * {@link #onCommitted}, once that commit succeeded.
     */
    @Override
    public void beforeCommit(List<Reading> stored) {
        dropConfirmations(); // left by a batch whose commit failed
        if (closed) {
            return;
        }
        for (Reading reading : stored) {
            if (STATUS.equals(reading.series().attribute())) {
                continue;
            }
            Open entry = confirmedBy(reading);
            if (entry != null) {
                entry.confirmingAs = entry.command.moveTo(CommandState.CONFIRMED, clock.instant(), confirmation(reading));
                recordFinal(entry, entry.confirmingAs);
                confirming.add(new Confirmation(entry, entry.command, entry.confirmingAs, reading));
            }
        }
    }

    private void dropConfirmations() {
        for (Confirmation confirmation : confirming) {
            confirmation.entry().confirmingAs = null;
        }
        confirming.clear();
    }

    /**
     * On the writer thread, right after each commit: closes the commands confirmed in it, follows status changes
     * and counts strays, here and now.
     */
    @Override
    public void onCommitted(List<Reading> stored, List<Device> discovered) {
        if (closed) {
            dropConfirmations();
            return;
        }
        Set<Reading> confirmers = confirming.isEmpty() ? Set.of()
                : java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Confirmation confirmation : confirming) {
            confirmers.add(confirmation.answer());
            stage(confirmation.from().traceId(), CommandStages.Stage.ANSWER_COMMITTED);
            if (confirmation.entry().command == confirmation.from()) {
                closeAs(confirmation.entry(), confirmation.confirmed());
            }
        }
        confirming.clear();
        for (Reading reading : stored) {
            SeriesPath series = reading.series();
            if (STATUS.equals(series.attribute())) {
                boolean nowOnline = !isOffline(reading.text());
                DeviceAddress device = series.deviceAddress();
                if (!Boolean.valueOf(nowOnline).equals(online.get(device))) {
                    statusChanged(device, nowOnline);
                }
            } else if (reading.traceId() != null && !confirmers.contains(reading)) {
                answered(reading);
            }
        }
    }

    /**
     * Runs {@code work} on the writer thread (inside its transaction); after {@link #close()} it is dropped (the
     * outbox keeps what matters).
     */
    private void post(Runnable work) {
        if (closed) {
            return;
        }
        writer.run(() -> {
            if (!closed) {
                guarded("input", work, null);
            }
        });
    }

    /**
     * Runs {@code work} on the writer thread; a failure (a store read that failed, say) is logged once and, when
     * {@code entry} is given, fails that command instead of leaving it open with no timer.
     */
    private void guarded(String what, Runnable work, Open entry) {
        try {
            work.run();
        } catch (RuntimeException e) {
            problems.report("failure:" + what, "The command service failed handling a " + what + ": "
                    + rootMessage(e));
            if (entry != null) {
                finish(entry, CommandState.FAILED, "it could not be sent: " + rootMessage(e));
            }
        }
    }

    @Override
    public void refused(SeriesPath series, String traceId, String reason) {
        post(() -> refusedOnWriter(series, traceId, Printable.of(reason, 200)));
    }

    @Override
    public void published(SeriesPath series, String value, AttributeKind kind, String traceId, String clientId) {
        // Handed to the writer here, on the broker's thread, before the broker routes the command on to the
        // device: its answer reaches the writer after this, so it is matched, not counted as a stray.
        post(() -> observedOnWriter(series, value, kind, traceId, clientId));
    }

    /**
     * Stops taking inputs and stops the timers. Open commands stay in the outbox and are resumed by the next
     * {@link #start()}.
     */
    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        try {
            timers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String newTraceId() {
        return UUID.randomUUID().toString();
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : CommandValues.format(millis / 1000.0) + " s";
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
