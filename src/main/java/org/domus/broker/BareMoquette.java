package org.domus.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.DomusConnectionHandlers;

/**
 * Moquette as shipped, with its own listener and no Domus edge or storage: the baseline the ingest benchmark
 * compares against. Anonymous, loopback only, telemetry off. Not for anything but measurements.
 */
public final class BareMoquette implements AutoCloseable {

    private final Server server = new Server();

    public BareMoquette(Path dataDir) {
        Properties properties = new Properties();
        properties.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
        properties.setProperty(IConfig.PORT_PROPERTY_NAME, "0");
        properties.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "true");
        properties.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, dataDir.toAbsolutePath().toString());
        properties.setProperty(IConfig.PERSISTENT_QUEUE_TYPE_PROPERTY_NAME, "h2");
        properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        try {
            server.startServer(new MemoryConfig(properties), List.of());
        } catch (IOException e) {
            throw new BrokerStartException("bare Moquette could not start: " + e.getMessage(), e);
        }
    }

    /** The bound port; Moquette records it asynchronously, so this waits for it (bounded). */
    public int port() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.getPort() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            DomusConnectionHandlers.stopQuickly(server);
        } catch (RuntimeException e) {
            // a baseline that fails to stop cleanly does not spoil the measurement already taken
        }
    }
}
