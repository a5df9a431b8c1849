package org.domus.rules;

/** Counters of the rule engine since it started. */
public record RuleMetrics(long readingsEvaluated, long fired, long cleared, long actionFailures, int queued,
                          int rulesRunning) {
}
