package org.domus.ingest.vendor;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.domus.model.Reading;
import org.domus.store.Declaration;

/** What the adapters made of one vendor message. */
sealed interface VendorOutcome {

    /** Readings and declarations to store; {@code touched} are the devices the declarations are about. */
    record Parsed(List<Reading> readings, List<Declaration> declarations, Set<BindingKey> touched)
            implements VendorOutcome {
        public Parsed {
            readings = List.copyOf(readings);
            declarations = List.copyOf(declarations);
            touched = Set.copyOf(touched);
        }
    }

    /** Not a topic any adapter knows, or nothing to record (a query, a command, a bridge's own news). */
    record Ignored(String why) implements VendorOutcome {
        public Ignored {
            Objects.requireNonNull(why, "why");
        }
    }

    /** A topic an adapter knows with a payload it cannot read; {@code reason} is one line. */
    record Malformed(String vendor, String reason) implements VendorOutcome {
        public Malformed {
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
