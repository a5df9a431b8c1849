package org.domus.provision;

import java.util.Objects;
import org.domus.model.Hub;

/**
 * A hub just created, with its bridge's password in clear: shown once (and written into the hub's bridge
 * configuration), never stored in clear, never logged. {@link #toString} hides it.
 */
public record HubCredentials(Hub hub, String password) {

    public HubCredentials {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "HubCredentials[" + hub + ", password=(hidden)]";
    }
}
