package org.domus.broker;

import org.domus.model.InboundSink;
import org.domus.model.ProblemLog;

/** What every connection's {@link EdgeHandler} shares. */
record EdgeShared(BrokerSettings settings, BrokerCounters counters, Identities identities, InboundSink sink,
                  ProblemLog problems) {
}
