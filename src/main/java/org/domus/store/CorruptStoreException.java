package org.domus.store;

/** The database file is not a database, is damaged, or cannot be read. */
public final class CorruptStoreException extends StoreException {

    public CorruptStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
