package org.domus.ingest.vendor;

import java.time.Instant;
import java.util.List;

/**
 * Hands a vendor topic to the adapter whose convention it is. Home Assistant comes first: its state topics are
 * whatever the configs announced, looked up by topic. Thread-safe.
 */
final class VendorAdapters {

    private final VendorRegistry registry;
    private final List<VendorAdapter> adapters = List.of(new HomeAssistantAdapter(), new TasmotaAdapter(),
            new Zigbee2MqttAdapter(), new ShellyAdapter());

    VendorAdapters(VendorRegistry registry) {
        this.registry = registry;
    }

    VendorRegistry registry() {
        return registry;
    }

    /** What one message means; never throws for bad input. */
    VendorOutcome read(String house, String topic, byte[] payload, Instant receivedAt) {
        if (payload.length == 0 && !isDiscovery(topic)) {
            return new VendorOutcome.Ignored("an empty retained message clears a value: nothing to record");
        }
        VendorBatch batch = new VendorBatch(registry, house, receivedAt);
        for (VendorAdapter adapter : adapters) {
            try {
                if (adapter.read(topic, payload, batch)) {
                    return batch.finish();
                }
            } catch (VendorPayloadException e) {
                return new VendorOutcome.Malformed(adapter.vendor(), e.getMessage());
            }
        }
        return new VendorOutcome.Ignored("no adapter knows this topic");
    }

    private static boolean isDiscovery(String topic) {
        return topic.endsWith("/config") && (topic.startsWith("homeassistant/") || topic.startsWith("tasmota/discovery/"));
    }
}
