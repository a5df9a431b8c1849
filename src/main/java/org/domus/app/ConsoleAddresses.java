package org.domus.app;

import java.util.ArrayList;
import java.util.List;
import org.domus.broker.ConsoleCertificates;

/** This machine's names and IPv4 addresses a hub on the network could reach the console at. */
public final class ConsoleAddresses {

    private ConsoleAddresses() {
    }

    /** Loopback and IPv6 left out (Mosquitto's {@code addresses host:port} takes no IPv6 literal); may be empty. */
    public static List<String> reachable() {
        List<String> names = new ArrayList<>();
        for (String name : ConsoleCertificates.machineNames()) {
            boolean loopback = name.equals("localhost") || name.startsWith("127.") || name.contains(":");
            if (!loopback) {
                names.add(name);
            }
        }
        return names;
    }
}
