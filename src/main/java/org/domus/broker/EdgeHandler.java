package org.domus.broker;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.ReferenceCountUtil;
import org.domus.model.InboundMessage;
import org.domus.model.InboundOutcome;
import org.domus.model.InboundSink;
import org.domus.model.Printable;

/**
 * Sits in every MQTT connection's pipeline between the codec and Moquette, on the connection's event loop.
 * It hands each accepted PUBLISH to ingest and answers QoS 1 (PUBACK) and QoS 2 (PUBREC) only once ingest has
 * committed the message; Moquette's own answers, sent as soon as it has routed the message, are swallowed. It
 * also enforces the house ACL and the payload limit before Moquette sees a message, and stops reading from a
 * client while its unconfirmed messages or ingest's queue are too many (back-pressure instead of drops).
 * One instance per connection; every method runs on the channel's event loop.
 */
final class EdgeHandler extends ChannelDuplexHandler {

    private final EdgeShared shared;

    private String clientId = "?";
    private String username;
    private ClientIdentity identity;
    private boolean accepted;
    private boolean disconnectedCleanly;
    private InboundMessage will;
    private int awaitingStore;
    private boolean readingPaused;
    private boolean flushScheduled;
    private ChannelHandlerContext context;
    /** Outcomes arriving from the writer's thread, settled on the event loop in one go per batch. */
    private final ConcurrentLinkedQueue<Settlement> settlements = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean settlementScheduled = new AtomicBoolean();

    private record Settlement(int qos, int packetId, InboundOutcome outcome) {
    }

    EdgeHandler(EdgeShared shared) {
        this.shared = shared;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage message)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (message.decoderResult().isFailure()) {
            shared.counters().malformedPackets.increment();
            shared.problems().report("decode:" + ctx.channel().remoteAddress(),
                    "Closed MQTT connection from " + ctx.channel().remoteAddress() + " (client " + clientId
                            + "): malformed packet: " + firstLine(message.decoderResult().cause()));
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        MqttMessageType type = message.fixedHeader().messageType();
        switch (type) {
            case CONNECT -> rememberConnect((MqttConnectMessage) message);
            case PUBLISH -> {
                onPublish(ctx, (MqttPublishMessage) message);
                return;
            }
            case DISCONNECT -> disconnectedCleanly = true;
            default -> {
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttMessage message && message.fixedHeader() != null) {
            switch (message.fixedHeader().messageType()) {
                case CONNACK -> onConnAck((MqttConnAckMessage) message);
                case PUBACK, PUBREC -> {
                    // Moquette acknowledges once routed; ours follows the commit (see settle).
                    ReferenceCountUtil.release(msg);
                    promise.setSuccess();
                    return;
                }
                case PUBLISH -> shared.counters().messagesOut.increment();
                default -> {
                }
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (accepted) {
            shared.counters().connectedClients.decrementAndGet();
            if (!disconnectedCleanly && will != null) {
                shared.sink().accept(will.withReceivedAt(Instant.now()), outcome -> {
                });
            }
        }
        ctx.fireChannelInactive();
    }

    private void rememberConnect(MqttConnectMessage connect) {
        clientId = connect.payload().clientIdentifier();
        if (clientId == null || clientId.isEmpty()) {
            // The broker assigns an id we do not see; receipts and log lines need one unique to this connection.
            clientId = "anonymous-id-" + context.channel().id().asLongText();
        }
        username = connect.variableHeader().hasUserName() ? connect.payload().userName() : null;
        if (connect.variableHeader().isWillFlag()) {
            byte[] willPayload = connect.payload().willMessageInBytes();
            will = new InboundMessage(clientId, null, connect.payload().willTopic(),
                    willPayload == null ? new byte[0] : willPayload, 0, connect.variableHeader().isWillRetain(),
                    0, false, Instant.now());
        }
    }

    private void onConnAck(MqttConnAckMessage connAck) {
        MqttConnectReturnCode code = connAck.variableHeader().connectReturnCode();
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            shared.counters().refusedConnects.increment();
            return;
        }
        Optional<ClientIdentity> known = shared.identities().identityOf(username);
        if (known.isEmpty()) {
            // Cannot happen for a connection Moquette accepted; refuse to carry it rather than guess.
            context.close();
            return;
        }
        identity = known.get();
        accepted = true;
        shared.counters().connectedClients.incrementAndGet();
        if (will != null) {
            will = HouseAcl.publishProblem(identity, will.topic()).isEmpty()
                    ? will.withHouse(identity.house()) : null;
        }
    }

    private void onPublish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        shared.counters().messagesIn.increment();
        if (!accepted) {
            ctx.fireChannelRead(publish); // Moquette closes a connection that publishes before CONNECT
            return;
        }
        String topic = publish.variableHeader().topicName();
        if (topic.indexOf('\0') >= 0) {
            // MQTT 3.1.1 [MQTT-1.5.3-2]: a topic with U+0000 is a protocol violation; the server closes the connection.
            shared.counters().malformedPackets.increment();
            shared.problems().report("nul:" + clientId, "Closed MQTT connection of client " + clientId
                    + ": it published to a topic containing a NUL character (" + Printable.of(topic, 120) + ")");
            publish.release();
            ctx.close();
            return;
        }
        int qos = publish.fixedHeader().qosLevel().value();
        int packetId = publish.variableHeader().packetId();
        Optional<String> aclProblem = HouseAcl.publishProblem(identity, topic);
        if (aclProblem.isPresent()) {
            shared.counters().refusedPublishes.increment();
            shared.problems().report("acl:" + clientId,
                    "Refused publish of client " + clientId + " (" + identity.describe() + ") to "
                            + Printable.of(topic, 120) + ": " + aclProblem.get());
            publish.release();
            acknowledge(ctx, qos, packetId);
            return;
        }
        int size = publish.payload().readableBytes();
        if (size > shared.settings().maxPayloadBytes()) {
            shared.counters().refusedPayloads.increment();
            shared.problems().report("size:" + clientId,
                    "Refused a " + size + "-byte payload of client " + clientId + " on " + Printable.of(topic, 120)
                            + ": larger than the limit of " + shared.settings().maxPayloadBytes() + " bytes");
            publish.release();
            acknowledge(ctx, qos, packetId);
            return;
        }
        InboundMessage message = new InboundMessage(clientId, identity.house(), topic,
                ByteBufUtil.getBytes(publish.payload()), qos, publish.fixedHeader().isRetain(), packetId,
                publish.fixedHeader().isDup(), Instant.now());
        if (qos == 0) {
            shared.sink().accept(message, outcome -> {
            });
        } else {
            awaitingStore++;
            shared.sink().accept(message, outcome -> {
                if (ctx.executor().inEventLoop()) {
                    settle(ctx, qos, packetId, outcome);
                    return;
                }
                // One wake-up of the event loop per batch, not per message (a wake-up is a system call).
                settlements.add(new Settlement(qos, packetId, outcome));
                if (settlementScheduled.compareAndSet(false, true)) {
                    ctx.executor().execute(() -> settleQueued(ctx));
                }
            });
        }
        ctx.fireChannelRead(publish); // Moquette routes it to subscribers and releases it
        if (awaitingStore >= shared.settings().maxUnconfirmedPerClient() || shared.sink().saturated()) {
            pauseReading(ctx);
        }
    }

    private void settleQueued(ChannelHandlerContext ctx) {
        settlementScheduled.set(false);
        Settlement settlement;
        while ((settlement = settlements.poll()) != null) {
            settle(ctx, settlement.qos(), settlement.packetId(), settlement.outcome());
        }
    }

    private void settle(ChannelHandlerContext ctx, int qos, int packetId, InboundOutcome outcome) {
        awaitingStore--;
        if (outcome.acknowledge()) {
            acknowledge(ctx, qos, packetId);
        } else {
            shared.counters().ingestFailures.increment();
            shared.problems().report("store:" + clientId,
                    "Closed MQTT connection of client " + clientId + ": a message could not be stored ("
                            + outcome.reason() + "); the client sends it again when it reconnects");
            ctx.close();
        }
        maybeResumeReading(ctx);
    }

    private void acknowledge(ChannelHandlerContext ctx, int qos, int packetId) {
        if (qos == 0) {
            return;
        }
        MqttMessageType type = qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
        MqttFixedHeader header = new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0);
        ctx.write(new MqttMessage(header, MqttMessageIdVariableHeader.from(packetId)));
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.executor().execute(() -> {
                flushScheduled = false;
                ctx.flush();
            });
        }
    }

    private void pauseReading(ChannelHandlerContext ctx) {
        if (!readingPaused) {
            readingPaused = true;
            shared.counters().readPauses.increment();
            ctx.channel().config().setAutoRead(false);
        }
        if (shared.sink().saturated()) {
            shared.sink().whenDrained(() -> ctx.executor().execute(() -> maybeResumeReading(ctx)));
        }
    }

    private void maybeResumeReading(ChannelHandlerContext ctx) {
        if (!readingPaused || awaitingStore > shared.settings().maxUnconfirmedPerClient() / 2) {
            return;
        }
        if (shared.sink().saturated()) {
            shared.sink().whenDrained(() -> ctx.executor().execute(() -> maybeResumeReading(ctx)));
            return;
        }
        readingPaused = false;
        ctx.channel().config().setAutoRead(true);
        ctx.read();
    }

    private static String firstLine(Throwable cause) {
        if (cause == null) {
            return "unknown reason";
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
