package org.domus.store;

/**
 * What became of one {@link IngestRecord}.
 *
 * @param duplicate     skipped because its receipt says it was already stored
 * @param stored        readings written (a device-timestamped reading already present is not counted)
 * @param unknownHouse  readings dropped because their house does not exist
 * @param failureReason one line, null when committed
 */
public record WriteOutcome(boolean committed, boolean duplicate, int stored, int unknownHouse, String failureReason) {

    static WriteOutcome failed(String reason) {
        return new WriteOutcome(false, false, 0, 0, reason);
    }
}
