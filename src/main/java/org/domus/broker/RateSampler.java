package org.domus.broker;

import java.util.function.LongSupplier;

/** Messages per second over the last few seconds, from a monotonically growing counter. Thread-safe. */
final class RateSampler {

    private static final int SLOTS = 5;

    private final LongSupplier counter;
    private final long[] counts = new long[SLOTS];
    private final long[] times = new long[SLOTS];
    private int next;
    private int filled;

    RateSampler(LongSupplier counter) {
        this.counter = counter;
    }

    /** Records the counter now; call about once a second. */
    synchronized void sample(long nanoTime) {
        counts[next] = counter.getAsLong();
        times[next] = nanoTime;
        next = (next + 1) % SLOTS;
        filled = Math.min(filled + 1, SLOTS);
    }

    synchronized double perSecond() {
        if (filled < 2) {
            return 0;
        }
        int newest = (next - 1 + SLOTS) % SLOTS;
        int oldest = filled < SLOTS ? 0 : next;
        double seconds = (times[newest] - times[oldest]) / 1e9;
        return seconds <= 0 ? 0 : (counts[newest] - counts[oldest]) / seconds;
    }
}
