package org.domus.store;

import java.util.List;
import java.util.function.Consumer;

import org.domus.model.Reading;

/**
 * One MQTT message's worth of work: 0..n readings, and 0..n declarations (applied first, in order). {@code onDone}
 * runs on the writer thread after the transaction holding this record committed ({@link WriteOutcome#committed()})
 * or failed (with a one-line reason). It must be cheap.
 *
 * @param receipt nullable: without it the record is never recognised as a redelivery
 * @param onDone  nullable
 */
public record IngestRecord(List<Reading> readings, List<Declaration> declarations, DeliveryReceipt receipt,
                           Consumer<WriteOutcome> onDone) {
    public IngestRecord {
        readings = readings == null ? List.of() : List.copyOf(readings);
        declarations = declarations == null ? List.of() : List.copyOf(declarations);
    }

    public IngestRecord(List<Reading> readings, DeliveryReceipt receipt, Consumer<WriteOutcome> onDone) {
        this(readings, List.of(), receipt, onDone);
    }

    public IngestRecord(List<Reading> readings) {
        this(readings, List.of(), null, null);
    }
}
