-- Vendor devices (Tasmota, Zigbee2MQTT, Shelly, Home Assistant discovery) and the Domus device each one is.
-- Ingest sees messages as the broker accepts them, not through a subscription, so retained discovery messages are
-- not replayed after a restart: what discovery said is kept here.
-- name, kind: what discovery last called the device (a device still named so was not renamed by the user).
-- spec: the adapter's description of the device's topics and attributes, JSON read only by ingest.
CREATE TABLE vendor_binding (
    house_id   INTEGER NOT NULL REFERENCES house (id) ON DELETE CASCADE,
    vendor     TEXT NOT NULL,
    vendor_id  TEXT NOT NULL,
    topic_room TEXT NOT NULL,
    device     TEXT NOT NULL,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    spec       TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (house_id, vendor, vendor_id)
);
-- Not unique on purpose: a constraint failing would roll back a whole batch of other messages.
CREATE INDEX vendor_binding_device ON vendor_binding (house_id, topic_room, device);
