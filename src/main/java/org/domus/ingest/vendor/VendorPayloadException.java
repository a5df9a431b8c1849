package org.domus.ingest.vendor;

/** A vendor payload that cannot be read; the message is one line. Thrown by adapters, caught by the dispatcher. */
final class VendorPayloadException extends RuntimeException {
    VendorPayloadException(String reason) {
        super(reason, null, false, false);
    }
}
