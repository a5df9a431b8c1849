package io.moquette.broker;

import io.moquette.broker.config.IConfig;
import io.moquette.broker.security.IAuthenticator;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.util.function.Function;
import java.lang.invoke.VarHandle;

/**
 * Domus accepts MQTT connections itself (to hold each PUBACK until the message is committed, see
 * docs/decisions/0003-own-the-mqtt-acceptor.md) and hands every decoded packet to Moquette's own handler.
 * That handler's factory is package-private in Moquette 0.17, hence this one class in Moquette's package (also the
 * one place that swaps Moquette's retained-message repository, see {@link #replaceRetained}).
 * Pinned to 0.17: {@code EmbeddedBrokerIT} fails if an upgrade moves these internals.
 */
public final class DomusConnectionHandlers {

    private DomusConnectionHandlers() {
    }

    /** Moquette's per-connection MQTT handler for a server started with its TCP port disabled. */
    public static ChannelInboundHandler mqttHandler(Server server, IConfig config, IAuthenticator authenticator) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Server.class, MethodHandles.lookup());
            VarHandle sessionsField = lookup.findVarHandle(Server.class, "sessions", SessionRegistry.class);
            VarHandle dispatcherField = lookup.findVarHandle(Server.class, "dispatcher", PostOffice.class);
            SessionRegistry sessions = (SessionRegistry) sessionsField.get(server);
            PostOffice dispatcher = (PostOffice) dispatcherField.get(server);
            if (sessions == null || dispatcher == null) {
                throw new IllegalStateException("Moquette server is not started");
            }
            MQTTConnectionFactory factory = new MQTTConnectionFactory(new BrokerConfiguration(config), authenticator,
                    sessions, dispatcher);
            return new NewNettyMQTTHandler(factory);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Moquette version is not the one Domus was built for (0.17)", e);
        }
    }

    /**
     * Replaces the started server's retained-message repository by {@code replace(current)}, before any client
     * connects (Moquette 0.17 has no option for it: with persistence on, it is always its H2 repository).
     */
    public static <R extends IRetainedRepository> R replaceRetained(Server server,
                                                                   Function<IRetainedRepository, R> replace) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Server.class, MethodHandles.lookup());
            PostOffice dispatcher = (PostOffice) lookup.findVarHandle(Server.class, "dispatcher", PostOffice.class)
                    .get(server);
            if (dispatcher == null) {
                throw new IllegalStateException("Moquette server is not started");
            }
            Field field = PostOffice.class.getDeclaredField("retainedRepository");
            field.setAccessible(true);
            R replacement = replace.apply((IRetainedRepository) field.get(dispatcher));
            field.set(dispatcher, replacement);
            return replacement;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Moquette version is not the one Domus was built for (0.17)", e);
        }
    }

    /**
     * Stops the server without Moquette's two-second wait: its own acceptor's event loops (idle, since Domus
     * accepts connections itself) are shut down with no quiet period before {@link Server#stopServer()}.
     */
    public static void stopQuickly(Server server) {
        try {
            MethodHandles.Lookup serverLookup = MethodHandles.privateLookupIn(Server.class, MethodHandles.lookup());
            Object acceptor = serverLookup.findVarHandle(Server.class, "acceptor", NewNettyAcceptor.class).get(server);
            if (acceptor != null) {
                MethodHandles.Lookup acceptorLookup =
                        MethodHandles.privateLookupIn(NewNettyAcceptor.class, MethodHandles.lookup());
                for (String name : new String[] {"bossGroup", "workerGroup"}) {
                    EventLoopGroup group = (EventLoopGroup) acceptorLookup
                            .findVarHandle(NewNettyAcceptor.class, name, EventLoopGroup.class).get(acceptor);
                    if (group != null) {
                        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(1, TimeUnit.SECONDS);
                    }
                }
            }
        } catch (ReflectiveOperationException e) {
            // Only slower: stopServer waits for the quiet period itself.
        }
        server.stopServer();
    }
}
