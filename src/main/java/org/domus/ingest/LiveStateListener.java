package org.domus.ingest;

import java.util.List;
import org.domus.model.Device;
import org.domus.model.Reading;

/** Told of each committed batch, on the store writer's thread: return quickly, copy what you need. */
@FunctionalInterface
public interface LiveStateListener {
    void onCommitted(List<Reading> readings, List<Device> discovered);
}
