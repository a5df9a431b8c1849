package org.domus.store;

import java.util.List;

import org.domus.model.Device;
import org.domus.model.Reading;

/** Told once per committed batch, on the writer thread; must be quick. */
@FunctionalInterface
public interface CommitListener {
    void onCommitted(List<Reading> stored, List<Device> discovered);
}
