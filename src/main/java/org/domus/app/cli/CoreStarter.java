package org.domus.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.domus.app.DomusConfig;
import org.domus.app.DomusCore;
import org.domus.store.CorruptStoreException;
import org.domus.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the core for {@code serve} and the console, handles a corrupt store the one way both offer (move it
 * aside and start fresh), and closes what it started.
 */
final class CoreStarter implements AutoCloseable {

    /** The store is corrupt and the user has not asked to move it aside. The message is one sentence. */
    static final class CorruptStore extends RuntimeException {
        CorruptStore(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(CoreStarter.class);

    private final DomusConfig config;
    private final PrintWriter out;
    private final AtomicReference<DomusCore> core = new AtomicReference<>();
    private final Thread closeOnExit = new Thread(this::closeOnSignal, "domus-shutdown");

    CoreStarter(DomusConfig config, PrintWriter out) {
        this.config = config;
        this.out = out;
    }

    /**
     * Starts the core. On a corrupt store: with {@code resetCorruptStore}, moves the file aside, says where it
     * went and starts fresh; without, throws {@link CorruptStore}.
     */
    DomusCore start(boolean resetCorruptStore) {
        try {
            return started(DomusCore.start(config));
        } catch (RuntimeException e) {
            if (!isCorruptStore(e)) {
                throw e;
            }
            if (!resetCorruptStore) {
                throw new CorruptStore(e.getMessage(), e);
            }
            LOG.debug("Store is corrupt; moving it aside as asked", e);
            return moveAsideAndStart();
        }
    }

    /** Moves the store file aside (keeping it under a new name), says where it went, and starts fresh. */
    DomusCore moveAsideAndStart() {
        Path moved = Database.moveAside(config.dataDir().resolve(DomusCore.DATABASE_FILE));
        LOG.info("Moved the corrupt store aside to {}", moved);
        out.println("Moved the corrupt store aside to " + moved);
        out.flush();
        return started(DomusCore.start(config));
    }

    private DomusCore started(DomusCore started) {
        core.set(started);
        // SIGTERM or Ctrl+C closes the core too (the store is then closed cleanly, the broker stops at once).
        Runtime.getRuntime().addShutdownHook(closeOnExit);
        return started;
    }

    private void closeOnSignal() {
        if (core.get() != null) {
            LOG.info("Stopping");
            close();
        }
    }

    static boolean isCorruptStore(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CorruptStoreException) {
                return true;
            }
        }
        return false;
    }

    /** A shell-ready {@code --data} argument for messages that tell the user what to type. */
    static String dataArgument(Path dataDir) {
        String text = dataDir.toString();
        if (text.matches("[A-Za-z0-9_./:@%+=,-]+")) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Closes the core this started, if any. Any thread; only the first call closes. */
    @Override
    public void close() {
        DomusCore started = core.getAndSet(null);
        if (started == null) {
            return;
        }
        if (Thread.currentThread() != closeOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: closing here is still right, the second close does nothing.
            }
        }
        started.close();
    }
}
