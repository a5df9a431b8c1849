package org.domus.broker;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The broker's live counters, written from Netty threads; rates are sampled by {@link RateSampler}. */
final class BrokerCounters {
    final AtomicInteger connectedClients = new AtomicInteger();
    final LongAdder messagesIn = new LongAdder();
    final LongAdder messagesOut = new LongAdder();
    final LongAdder refusedConnects = new LongAdder();
    final LongAdder refusedPublishes = new LongAdder();
    final LongAdder refusedPayloads = new LongAdder();
    final LongAdder malformedPackets = new LongAdder();
    final LongAdder ingestFailures = new LongAdder();
    final LongAdder readPauses = new LongAdder();
}
