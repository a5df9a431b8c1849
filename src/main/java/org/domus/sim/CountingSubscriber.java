package org.domus.sim;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;

/** One subscriber that only counts what it receives: the "plain subscriber" of benchmark baselines. */
public final class CountingSubscriber implements AutoCloseable {

    private final Mqtt3AsyncClient client;
    private final LongAdder received = new LongAdder();

    public CountingSubscriber(LoadGenerator.Target target, String filter, int qos) {
        client = LoadGenerator.client(target, "counter-" + System.nanoTime());
        client.connectWith().cleanSession(true).keepAlive(60).send().orTimeout(30, TimeUnit.SECONDS).join();
        client.subscribeWith().topicFilter(filter).qos(qos == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE)
                .callback(publish -> received.increment()).send().orTimeout(30, TimeUnit.SECONDS).join();
    }

    public long received() {
        return received.sum();
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
