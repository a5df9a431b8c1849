package org.domus.store;

/**
 * How the store is opened.
 *
 * @param maxDatabaseBytes 0 for unlimited; otherwise writes that would grow the file beyond it fail as on a full disk
 * @param maxBatchMessages the most records the writer puts in one transaction
 */
public record StoreOptions(long maxDatabaseBytes, int maxBatchMessages) {

    public static final int DEFAULT_MAX_BATCH_MESSAGES = 10_000;

    public StoreOptions {
        if (maxDatabaseBytes < 0) {
            throw new IllegalArgumentException("maxDatabaseBytes must be 0 (unlimited) or positive");
        }
        if (maxBatchMessages < 1) {
            throw new IllegalArgumentException("maxBatchMessages must be at least 1");
        }
    }

    public static StoreOptions defaults() {
        return new StoreOptions(0, DEFAULT_MAX_BATCH_MESSAGES);
    }
}
