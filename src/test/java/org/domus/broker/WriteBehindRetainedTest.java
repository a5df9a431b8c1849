package org.domus.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moquette.broker.RetainedMessage;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.persistence.H2RetainedRepository;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retained messages answer from memory at once and reach Moquette's own H2 repository when written behind. */
class WriteBehindRetainedTest {

    @TempDir
    Path dir;

    private MVStore store;
    private H2RetainedRepository durable;

    @BeforeEach
    void open() {
        store = new MVStore.Builder().fileName(dir.resolve("retained.h2").toString()).open();
        durable = new H2RetainedRepository(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static MqttPublishMessage publish(String topic, String payload) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, true, 0),
                new MqttPublishVariableHeader(topic, 1), Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
    }

    private static List<String> payloads(List<RetainedMessage> messages) {
        return messages.stream().map(m -> new String(m.getPayload(), StandardCharsets.UTF_8)).sorted().toList();
    }

    @Test
    void answersFromMemoryAtOnceAndWritesTheLatestPerTopicBehind() {
        WriteBehindRetained retained = new WriteBehindRetained(durable, Duration.ofHours(1));
        retained.retain(new Topic("domus/h/r/lamp/status"), publish("domus/h/r/lamp/status", "offline"));
        retained.retain(new Topic("domus/h/r/lamp/status"), publish("domus/h/r/lamp/status", "online"));
        retained.retain(new Topic("domus/h/r/fan/status"), publish("domus/h/r/fan/status", "online"));
        assertEquals(List.of("online", "online"), payloads(retained.retainedOnTopic("domus/h/+/+/status")));
        assertTrue(durable.isEmpty(), "nothing written before the interval");
        assertEquals(2, retained.pending());

        retained.flush();
        assertEquals(List.of("online", "online"), payloads(durable.retainedOnTopic("#")));
        retained.cleanRetained(new Topic("domus/h/r/fan/status"));
        assertEquals(List.of("online"), payloads(retained.retainedOnTopic("#")));
        retained.close();
        assertEquals(List.of("online"), payloads(durable.retainedOnTopic("#")), "the removal written on close");
    }

    @Test
    void startsFromWhatTheDurableStoreHeldAndWritesThroughOnceClosed() {
        durable.retain(new Topic("domus/h/r/lamp/status"), publish("domus/h/r/lamp/status", "online"));
        WriteBehindRetained retained = new WriteBehindRetained(durable, Duration.ofHours(1));
        assertEquals(List.of("online"), payloads(retained.retainedOnTopic("domus/h/r/lamp/status")));
        retained.close();
        retained.retain(new Topic("domus/h/r/lamp/status"), publish("domus/h/r/lamp/status", "offline"));
        assertEquals(List.of("offline"), payloads(durable.retainedOnTopic("#")));
    }
}
