package org.domus.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import io.moquette.broker.DomusConnectionHandlers;
import io.moquette.broker.MoquetteIdleTimeoutHandler;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.buffer.Unpooled;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.IdleStateHandler;
import javax.net.ssl.SSLException;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.domus.model.InboundSink;
import org.domus.model.MessagePublisher;
import org.domus.model.OutboundMessage;
import org.domus.model.ProblemLog;
import org.domus.store.CredentialRepository;
import org.domus.store.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MQTT broker: Moquette keeps sessions, subscriptions, retained messages and wills; Domus accepts
 * the connections itself so that every PUBLISH passes its {@link EdgeHandler} (ingest, late acknowledgement,
 * ACL, limits). Started and stopped with the application. Nothing outside this package knows it is Moquette.
 */
public final class EmbeddedBroker implements BrokerStatus, MessagePublisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** The client id the console's own messages carry. */
    public static final String CONSOLE_CLIENT_ID = "domus-console";
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final int DECODER_HARD_LIMIT = 16 * 1024 * 1024;
    /** How often changed retained messages are written to Moquette's store (decision 0034). */
    private static final Duration RETAINED_WRITE_EVERY = Duration.ofSeconds(10);

    private final BrokerSettings settings;
    private final Server moquette;
    private final WriteBehindRetained retained;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final ChannelGroup channels;
    private final Channel plainChannel;
    private final Channel tlsChannel;
    private final AtomicReference<SslContext> tlsContext;
    private final BrokerCounters counters;
    private final AclPolicy aclPolicy;
    private final Identities identities;
    private final ScheduledExecutorService sampling;
    private final RateSampler inRate;
    private final RateSampler outRate;
    private final int port;
    private final int tlsPort;

    private EmbeddedBroker(BrokerSettings settings, Server moquette, WriteBehindRetained retained,
                           EventLoopGroup acceptGroup, EventLoopGroup ioGroup,
                           ChannelGroup channels, Channel plainChannel, Channel tlsChannel,
                           AtomicReference<SslContext> tlsContext, BrokerCounters counters, AclPolicy aclPolicy,
                           Identities identities) {
        this.settings = settings;
        this.moquette = moquette;
        this.retained = retained;
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
        this.channels = channels;
        this.plainChannel = plainChannel;
        this.tlsChannel = tlsChannel;
        this.tlsContext = tlsContext;
        this.counters = counters;
        this.aclPolicy = aclPolicy;
        this.identities = identities;
        this.port = plainChannel == null ? BrokerSettings.OFF : ((InetSocketAddress) plainChannel.localAddress()).getPort();
        this.tlsPort = tlsChannel == null ? BrokerSettings.OFF : ((InetSocketAddress) tlsChannel.localAddress()).getPort();
        this.inRate = new RateSampler(counters.messagesIn::sum);
        this.outRate = new RateSampler(counters.messagesOut::sum);
        this.sampling = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("broker-rates").factory());
        sampling.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            inRate.sample(now);
            outRate.sample(now);
        }, 0, 1, TimeUnit.SECONDS);
    }

    /**
     * Starts Moquette and binds {@code settings.host():settings.port()} (port 0: any free port).
     *
     * @throws BrokerStartException with one sentence (port in use, data folder not writable, …)
     */
    public static EmbeddedBroker start(BrokerSettings settings, CredentialRepository credentials,
                                       PasswordHasher hasher, InboundSink sink) {
        return start(settings, credentials, hasher, sink, null);
    }

    /**
     * As {@link #start(BrokerSettings, CredentialRepository, PasswordHasher, InboundSink)}, with a TLS listener on
     * {@code settings.tlsPort()} presenting {@code tls}'s broker certificate (null when the TLS listener is off).
     */
    public static EmbeddedBroker start(BrokerSettings settings, CredentialRepository credentials,
                                       PasswordHasher hasher, InboundSink sink, ConsoleCertificates tls) {
        Path brokerData = settings.dataDir().resolve("broker").toAbsolutePath();
        try {
            Files.createDirectories(brokerData);
        } catch (IOException e) {
            throw new BrokerStartException("Cannot create the broker's data folder " + brokerData + ": " + e.getMessage(), e);
        }
        Identities identities = new Identities(credentials, hasher, settings.demoHouse());
        AclPolicy aclPolicy = new AclPolicy(identities);
        IConfig config = new MemoryConfig(moquetteProperties(settings, brokerData));
        Server moquette = new Server();
        try {
            moquette.startServer(config, List.of(), null, identities, aclPolicy);
        } catch (IOException | RuntimeException e) {
            throw new BrokerStartException("The MQTT broker could not start: " + e.getMessage(), e);
        }
        ChannelInboundHandler moquetteHandler = DomusConnectionHandlers.mqttHandler(moquette, config, identities);
        WriteBehindRetained retained = DomusConnectionHandlers.replaceRetained(moquette,
                durable -> new WriteBehindRetained(durable, RETAINED_WRITE_EVERY));

        BrokerCounters counters = new BrokerCounters();
        EdgeShared shared = new EdgeShared(settings, counters, identities, sink,
                new ProblemLog(LoggerFactory.getLogger(EdgeHandler.class), 60_000));
        ChannelGroup channels = new DefaultChannelGroup("mqtt-clients", GlobalEventExecutor.INSTANCE);
        EventLoopGroup acceptGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("mqtt-accept", true));
        EventLoopGroup ioGroup = new NioEventLoopGroup(0, new DefaultThreadFactory("mqtt-io", true));
        Listeners listeners = new Listeners(settings, moquetteHandler, shared, channels, acceptGroup, ioGroup);
        AtomicReference<SslContext> tlsContext = new AtomicReference<>();
        Channel plainChannel = null;
        Channel tlsChannel = null;
        try {
            if (settings.port() != BrokerSettings.OFF) {
                plainChannel = listeners.bind(settings.port(), null);
            }
            if (settings.tlsPort() != BrokerSettings.OFF) {
                if (tls == null) {
                    throw new BrokerStartException("A TLS listener needs the console's certificates", null);
                }
                tlsContext.set(serverContext(tls));
                tlsChannel = listeners.bind(settings.tlsPort(), tlsContext);
            }
        } catch (Exception e) { // Netty's bind rethrows the checked BindException unchecked: catch it too

            if (plainChannel != null) {
                plainChannel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
            }
            acceptGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            ioGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            retained.close();
            DomusConnectionHandlers.stopQuickly(moquette);
            if (e instanceof BrokerStartException start) {
                throw start;
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new BrokerStartException("Cannot listen for MQTT on " + settings.host() + ":"
                    + (plainChannel == null && settings.port() != BrokerSettings.OFF ? settings.port() : settings.tlsPort())
                    + " (" + reason + "); is another broker running there? Choose another with --mqtt-port"
                    + " or --mqtt-tls-port.", e);
        }
        EmbeddedBroker broker = new EmbeddedBroker(settings, moquette, retained, acceptGroup, ioGroup, channels, plainChannel,
                tlsChannel, tlsContext, counters, aclPolicy, identities);
        LOG.info("MQTT broker listening on {}{}{}{}", settings.host(),
                broker.port == BrokerSettings.OFF ? "" : " port " + broker.port + " (plain)",
                broker.tlsPort == BrokerSettings.OFF ? "" : " port " + broker.tlsPort + " (TLS)",
                settings.demoHouse() == null ? "" : " (demo mode: anonymous clients belong to house " + settings.demoHouse() + ")");
        return broker;
    }

    private static SslContext serverContext(ConsoleCertificates tls) {
        try {
            return SslContextBuilder.forServer(tls.brokerKey(), tls.brokerCertificate(), tls.caCertificate())
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (SSLException e) {
            throw new BrokerStartException("The broker's TLS certificate cannot be used: " + e.getMessage(), e);
        }
    }

    /** Binds listeners that share one pipeline: TLS (when given), then exactly what the plain port has. */
    private record Listeners(BrokerSettings settings, ChannelInboundHandler moquetteHandler, EdgeShared shared,
                             ChannelGroup channels, EventLoopGroup acceptGroup, EventLoopGroup ioGroup) {

        /** @param ssl the TLS context for each new connection, or null for plain MQTT */
        Channel bind(int port, AtomicReference<SslContext> ssl) {
            BrokerCounters counters = shared.counters();
            MoquetteIdleTimeoutHandler idleTimeout = new MoquetteIdleTimeoutHandler();
            int decoderLimit = Math.max(DECODER_HARD_LIMIT, settings.maxPayloadBytes() + 64 * 1024);
            ProblemLog connectionProblems = new ProblemLog(LOG, 60_000);
            TlsProblems tlsProblems = new TlsProblems(connectionProblems, counters);
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(acceptGroup, ioGroup)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            if (channels.size() >= settings.maxConnections()) {
                                counters.refusedConnects.increment();
                                connectionProblems.report("max-connections",
                                        "Refused a connection from " + channel.remoteAddress() + ": already "
                                                + settings.maxConnections() + " connections");
                                channel.close();
                                return;
                            }
                            channels.add(channel);
                            if (ssl != null) {
                                channel.pipeline().addLast("ssl", ssl.get().newHandler(channel.alloc()))
                                        .addLast("tls-problems", tlsProblems);
                            }
                            // Names as Moquette expects: it resizes "idleStateHandler" to the client's keep-alive.
                            channel.pipeline()
                                    .addLast("idleStateHandler", new IdleStateHandler(CONNECT_TIMEOUT_SECONDS, 0, 0))
                                    .addLast("idleEventHandler", idleTimeout)
                                    .addLast("decoder", new MqttDecoder(decoderLimit))
                                    .addLast("encoder", MqttEncoder.INSTANCE)
                                    .addLast("edge", new EdgeHandler(shared))
                                    .addLast("handler", moquetteHandler);
                        }
                    });
            return bootstrap.bind(settings.host(), port).syncUninterruptibly().channel();
        }
    }

    /** A failed TLS handshake (wrong CA, plain MQTT on the TLS port): one line, counted, the connection closed. */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class TlsProblems extends io.netty.channel.ChannelInboundHandlerAdapter {
        private final ProblemLog problems;
        private final BrokerCounters counters;

        TlsProblems(ProblemLog problems, BrokerCounters counters) {
            this.problems = problems;
            this.counters = counters;
        }

        @Override
        public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
            Throwable root = cause;
            while (root.getCause() != null && !(root instanceof javax.net.ssl.SSLException)) {
                root = root.getCause();
            }
            if (!(root instanceof javax.net.ssl.SSLException)) {
                ctx.fireExceptionCaught(cause);
                return;
            }
            counters.refusedConnects.increment();
            problems.report("tls:" + ctx.channel().remoteAddress(), "Closed a TLS connection from "
                    + ctx.channel().remoteAddress() + ": the handshake failed (" + root.getMessage() + ")");
            ctx.close();
        }
    }

    private static Properties moquetteProperties(BrokerSettings settings, Path brokerData) {
        Properties properties = new Properties();
        // Domus binds the port itself; Moquette's own listeners stay off.
        properties.setProperty(IConfig.PORT_PROPERTY_NAME, "disabled");
        properties.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        properties.setProperty(IConfig.HOST_PROPERTY_NAME, settings.host());
        properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, Boolean.toString(settings.demoHouse() != null));
        properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "true");
        properties.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, brokerData.toString());
        properties.setProperty(IConfig.PERSISTENT_QUEUE_TYPE_PROPERTY_NAME, "h2");
        properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        // The edge keeps each client's unconfirmed messages bounded; a deeper queue absorbs bursts of routing.
        properties.setProperty(IConfig.SESSION_QUEUE_SIZE, "131072");
        // MQTT 3.1.1 lets a clean-session client connect with an empty id (mosquitto_pub does); Moquette assigns one.
        properties.setProperty("allow_zero_byte_client_id", "true");
        return properties;
    }

    /**
     * Publishes as the console itself ({@value #CONSOLE_CLIENT_ID}) straight into Moquette's routing: the message
     * reaches subscribers like any client's, without a network hop and without passing the clients' ACL.
     * Thread-safe; the future completes once the message is routed to the subscribers' sessions.
     */
    @Override
    public CompletableFuture<Void> publish(OutboundMessage message) {
        MqttPublishMessage publish = MqttMessageBuilders.publish()
                .topicName(message.topic())
                .qos(message.qos() == 0 ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE)
                .retained(message.retain())
                .payload(Unpooled.wrappedBuffer(message.payload()))
                .build();
        try {
            var routed = moquette.internalPublish(publish, CONSOLE_CLIENT_ID);
            if (routed.isAllFailed()) {
                return CompletableFuture.failedFuture(new IllegalStateException("no subscriber session took it"));
            }
            return routed.completableFuture() == null ? CompletableFuture.completedFuture(null)
                    : routed.completableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the broker is not running", e));
        }
    }

    @Override
    public String host() {
        return settings.host();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int tlsPort() {
        return tlsPort;
    }

    @Override
    public BrokerMetrics metrics() {
        return new BrokerMetrics(counters.connectedClients.get(), inRate.perSecond(), outRate.perSecond(),
                counters.messagesIn.sum(), counters.messagesOut.sum(), counters.refusedConnects.sum(),
                counters.refusedPublishes.sum() + aclPolicy.refusedSubscriptions(), counters.refusedPayloads.sum(),
                counters.malformedPackets.sum(), counters.ingestFailures.sum());
    }

    /** How often reading from a client was paused for back-pressure (for benchmarks and tests). */
    public long readPauses() {
        return counters.readPauses.sum();
    }

    /**
     * Presents {@code tls}'s broker certificate to every TLS connection from now on (after a renewal), without a
     * restart; connections already open keep theirs. Does nothing without a TLS listener.
     */
    public void useCertificates(ConsoleCertificates tls) {
        if (tlsChannel != null) {
            tlsContext.set(serverContext(tls));
            LOG.info("The TLS listener now presents the broker certificate for {}", tls.brokerNames());
        }
    }

    /** Forgets a cached password check: call when a credential changes or is deleted. */
    public void credentialChanged(String username) {
        identities.forget(username);
    }

    /** Stops listening, closes every connection, and stops Moquette (persisting its sessions); well under a second. */
    @Override
    public void close() {
        long started = System.nanoTime();
        sampling.shutdownNow();
        for (Channel listener : new Channel[] {plainChannel, tlsChannel}) {
            if (listener != null) {
                listener.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
            }
        }
        channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        acceptGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        ioGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(1, TimeUnit.SECONDS);
        try {
            // Pending retained messages into Moquette's store before it closes; later ones are written through.
            retained.close();
            DomusConnectionHandlers.stopQuickly(moquette);
        } catch (RuntimeException e) {
            // Moquette's own shutdown can trip over itself; what Domus stores is already committed.
            LOG.warn("Moquette did not stop cleanly: {}", e.toString());
            LOG.debug("Moquette stop failure", e);
        }
        LOG.info("MQTT broker stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}
