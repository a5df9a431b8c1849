package org.domus.ingest.vendor;

/** One vendor's convention. Implementations are stateless; state lives in the {@link VendorBatch}'s registry. */
interface VendorAdapter {

    /** {@code tasmota}, {@code zigbee2mqtt}, {@code shelly}, {@code homeassistant}. */
    String vendor();

    /**
     * Reads one message whose vendor topic ({@code topic}, without {@code domus/{house}/raw/}) this adapter may
     * know. Returns false when the topic is not this vendor's; throws {@link VendorPayloadException} when it is
     * but the payload cannot be read.
     */
    boolean read(String topic, byte[] payload, VendorBatch batch);
}
