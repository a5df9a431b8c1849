package org.domus.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.domus.model.Printable;

/**
 * The topics ingest saw that are not Domus's own device topics, newest payload per topic: vendor traffic under
 * {@code domus/{house}/raw/…} and the hub's {@code domus/{house}/hub/…}. What an installer looks at to see what a
 * hub bridges. Holds at most {@link #MAX_TOPICS} topics (later new ones are counted, not kept) and a short preview
 * of each payload, made printable: payloads are untrusted text. {@link #record} runs on broker threads and never
 * blocks; thread-safe.
 */
public final class RawTopics {

    public static final int MAX_TOPICS = 2_000;
    /** Bytes of a payload decoded for the preview. */
    static final int PREVIEW_BYTES = 1_024;
    /** Characters of the preview. */
    public static final int PREVIEW_CHARS = 300;

    /** One topic: its latest payload (as printable text), when it came, from whom, and how many came. */
    public record Topic(String topic, String house, String payload, int payloadBytes, Instant lastSeen,
                        String clientId, long count) {
        public Topic {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }

    private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();

    /** Notes one message. Broker threads; cheap (a preview of at most {@link #PREVIEW_BYTES} bytes). */
    public void record(String topic, String house, byte[] payload, String clientId, Instant receivedAt) {
        Topic known = topics.get(topic);
        if (known == null && size.get() >= MAX_TOPICS) {
            dropped.increment();
            return;
        }
        String preview = preview(payload);
        topics.compute(topic, (key, old) -> {
            if (old == null) {
                size.incrementAndGet();
            }
            return new Topic(Printable.of(key, 300), house, preview, payload.length, receivedAt, clientId,
                    old == null ? 1 : old.count() + 1);
        });
    }

    /** Every topic kept, newest first. */
    public List<Topic> snapshot() {
        return topics.values().stream().sorted(Comparator.comparing(Topic::lastSeen).reversed()).toList();
    }

    /** Messages on topics not kept because {@link #MAX_TOPICS} were already kept. */
    public long dropped() {
        return dropped.sum();
    }

    /** The payload as one printable line: UTF-8 text (invalid bytes shown as U+FFFD), control characters escaped. */
    static String preview(byte[] payload) {
        int length = Math.min(payload.length, PREVIEW_BYTES);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(payload, 0, length)).toString();
        } catch (CharacterCodingException e) {
            text = "";
        }
        String cut = length < payload.length ? text + "…" : text;
        return Printable.of(cut, PREVIEW_CHARS);
    }
}
