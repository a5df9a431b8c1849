package org.domus.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.domus.model.Notification;
import org.domus.model.NotificationChannel;
import org.domus.model.NotificationState;
import org.domus.model.ProblemLog;
import org.domus.store.NotificationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: every pending e-mail and webhook notification that is due is tried, on the dispatcher's own
 * thread ({@code domus-notify}). A failure is recorded on the row with its reason and tried again with backoff, so
 * a mail server that is down gets the mail once it is back, and a restart resumes from the rows.
 */
public final class NotificationDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int BATCH = 20;

    private final NotificationRepository outbox;
    private final Map<NotificationChannel, NotificationSender> senders;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Duration pollEvery;
    private final ProblemLog problems = new ProblemLog(LOG, 300_000);
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("domus-notify").daemon(true).factory());
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();

    public NotificationDispatcher(NotificationRepository outbox, Map<NotificationChannel, NotificationSender> senders,
                                  RetryPolicy retry, Clock clock, Duration pollEvery) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.senders = new EnumMap<>(senders);
        this.retry = Objects.requireNonNull(retry, "retry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pollEvery = Objects.requireNonNull(pollEvery, "pollEvery");
    }

    /** Starts polling the outbox; {@code service}'s new notifications wake it at once. */
    public void start(NotificationService service) {
        service.onQueued(this::wake);
        thread.scheduleWithFixedDelay(this::deliverDue, 0, pollEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Delivers what is due now rather than at the next poll. Any thread. */
    public void wake() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    wakePending.set(false);
                    deliverDue();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakePending.set(false);
            }
        }
    }

    public long sent() {
        return sent.get();
    }

    public long failedAttempts() {
        return failedAttempts.get();
    }

    private void deliverDue() {
        try {
            List<Notification> due;
            int rounds = 0;
            do {
                due = outbox.due(clock.instant(), senders.keySet(), BATCH);
                for (Notification notification : due) {
                    deliver(notification);
                }
            } while (due.size() == BATCH && ++rounds < 50 && !thread.isShutdown());
        } catch (RuntimeException e) {
            problems.report("outbox", "Reading the notification outbox failed: " + e.getMessage());
        }
    }

    private void deliver(Notification notification) {
        NotificationSender sender = senders.get(notification.channel());
        int attempts = notification.attempts() + 1;
        String failure;
        try {
            sender.send(notification);
            failure = null;
        } catch (DeliveryException e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            failure = "unexpected failure: " + e;
        }
        if (failure == null) {
            outbox.recordAttempt(notification.id(), NotificationState.SENT, attempts, null, "", clock.instant());
            sent.incrementAndGet();
            LOG.debug("Delivered notification {} ({}) after {} attempt(s)", notification.id(),
                    notification.channel().label(), attempts);
        } else {
            failedAttempts.incrementAndGet();
            Instant now = clock.instant();
            boolean giveUp = Duration.between(notification.createdAt(), now).compareTo(retry.giveUpAfter()) >= 0;
            Instant next = giveUp ? null : now.plus(retry.delayAfter(attempts));
            outbox.recordAttempt(notification.id(), giveUp ? NotificationState.FAILED : NotificationState.PENDING,
                    attempts, next, failure, null);
            problems.report(notification.channel().label() + ":" + failure,
                    "Could not deliver a " + notification.channel().label() + " notification ("
                            + (giveUp ? "gave up" : "will try again") + "): " + failure);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
