package org.domus.ingest.vendor;

import java.util.List;
import java.util.Objects;

/** A Home Assistant discovery entity: its platform, device class and the attributes it gave its device. */
record EntitySpec(String component, String deviceClass, List<String> attributes) {
    EntitySpec {
        Objects.requireNonNull(component, "component");
        deviceClass = deviceClass == null ? "" : deviceClass;
        attributes = List.copyOf(attributes);
    }
}
