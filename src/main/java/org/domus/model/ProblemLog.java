package org.domus.model;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Bad input is logged once with a one-line reason and counted every time. A problem is known by a key (say,
 * "client c7 wrong password"); the first occurrence of a key is logged at WARN, later ones are only counted,
 * and a key seen again after {@code quietMillis} is logged again with how many were suppressed meanwhile.
 */
public final class ProblemLog {

    private static final int MAX_KEYS = 10_000;

    private final Logger log;
    private final long quietMillis;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    public ProblemLog(Logger log, long quietMillis) {
        this.log = log;
        this.quietMillis = quietMillis;
    }

    /** Counts one occurrence; logs {@code message} unless the same key was logged within the quiet period. */
    public void report(String key, String message) {
        total.incrementAndGet();
        if (entries.size() > MAX_KEYS) {
            entries.clear();
        }
        long now = System.currentTimeMillis();
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        long suppressed;
        synchronized (entry) {
            if (entry.loggedAt != 0 && now - entry.loggedAt < quietMillis) {
                entry.suppressed++;
                return;
            }
            suppressed = entry.suppressed;
            entry.suppressed = 0;
            entry.loggedAt = now;
        }
        if (suppressed > 0) {
            log.warn("{} (and {} more like it since it was last logged)", message, suppressed);
        } else {
            log.warn(message);
        }
    }

    public long total() {
        return total.get();
    }

    private static final class Entry {
        long loggedAt;
        long suppressed;
    }
}
