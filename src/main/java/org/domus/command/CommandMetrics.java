package org.domus.command;

/**
 * What the command service did since it started. {@code unmatchedAnswers}: answers whose trace id matches no
 * command; {@code lateAnswers}: answers for a command that had already finished.
 */
public record CommandMetrics(long published, long retries, long confirmed, long rejected, long timedOut,
                             long superseded, long expired, long failed, long observed, long unmatchedAnswers,
                             long lateAnswers, int open) {
}
