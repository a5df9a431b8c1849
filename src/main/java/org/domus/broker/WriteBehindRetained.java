package org.domus.broker;

import io.moquette.broker.IRetainedRepository;
import io.moquette.broker.RetainedMessage;
import io.moquette.broker.subscriptions.Topic;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moquette's retained messages in memory, written behind to its durable (H2) repository: the latest message per
 * topic is kept in a map that answers every read, and what changed is written to the durable store every
 * {@code every} (latest wins per topic) and on {@link #close}. Moquette's own H2 repository serialises each
 * retained PUBLISH with Java serialisation on the publishing client's session loop — every state message is
 * retained (docs/protocol.md), so at 5,000 msg/s that was the broker's largest cost, and all of it on one loop for
 * a hub's connection — and scans (deserialising) every retained message for each new subscription.
 * A crash loses at most the last {@code every} of retained updates; devices republish their state.
 * Called on Moquette's session loops; thread-safe.
 */
final class WriteBehindRetained implements IRetainedRepository, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBehindRetained.class);

    private final IRetainedRepository durable;
    private final Map<Topic, RetainedMessage> current = new ConcurrentHashMap<>();
    /** Changes not yet written: a message, or empty for a removal. */
    private final Map<Topic, Optional<RetainedMessage>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private final Object lock = new Object();
    private boolean closed;

    /** Reads every retained message of {@code durable} once, then writes behind to it every {@code every}. */
    WriteBehindRetained(IRetainedRepository durable, Duration every) {
        this.durable = durable;
        for (RetainedMessage message : durable.retainedOnTopic("#")) {
            current.put(message.getTopic(), message);
        }
        flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("mqtt-retained-writer").factory());
        flusher.scheduleWithFixedDelay(this::flushQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void retain(Topic topic, MqttPublishMessage message) {
        ByteBuf content = message.content();
        byte[] payload = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), payload);
        RetainedMessage retained = new RetainedMessage(topic, message.fixedHeader().qosLevel(), payload);
        synchronized (lock) {
            current.put(topic, retained);
            if (closed) {
                write(topic, Optional.of(retained));
            } else {
                pending.put(topic, Optional.of(retained));
            }
        }
    }

    @Override
    public void cleanRetained(Topic topic) {
        synchronized (lock) {
            current.remove(topic);
            if (closed) {
                write(topic, Optional.empty());
            } else {
                pending.put(topic, Optional.empty());
            }
        }
    }

    @Override
    public boolean isEmpty() {
        return current.isEmpty();
    }

    /** The retained messages whose topic matches {@code filter}, as Moquette's own repository answers. */
    @Override
    public List<RetainedMessage> retainedOnTopic(String filter) {
        Topic search = new Topic(filter);
        List<RetainedMessage> matching = new ArrayList<>();
        for (Map.Entry<Topic, RetainedMessage> entry : current.entrySet()) {
            if (entry.getKey().match(search)) {
                matching.add(entry.getValue());
            }
        }
        return matching;
    }

    /** How many changes wait to be written. */
    int pending() {
        return pending.size();
    }

    /** Writes what is pending now. Any thread. */
    void flush() {
        for (Topic topic : pending.keySet()) {
            Optional<RetainedMessage> change = pending.remove(topic);
            if (change != null) {
                write(topic, change);
            }
        }
    }

    /** Writes what is pending and from then on writes through; call before the durable store closes. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        flusher.shutdown();
        try {
            if (!flusher.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The retained-message writer did not finish in 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("Cannot write retained messages to the broker's store: {}", e.toString());
            LOG.debug("Writing retained messages failed", e);
        }
    }

    private void write(Topic topic, Optional<RetainedMessage> change) {
        if (change.isEmpty()) {
            durable.cleanRetained(topic);
            return;
        }
        RetainedMessage message = change.get();
        MqttPublishMessage publish = new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, message.qosLevel(), true, 0),
                new MqttPublishVariableHeader(topic.toString(), 0), Unpooled.wrappedBuffer(message.getPayload()));
        durable.retain(topic, publish);
    }
}
