-- A house's hub (one Raspberry Pi per house): its host name and the MQTT login its bridge uses (the password
-- only as a hash, in mqtt_credential). Times are epoch microseconds.
CREATE TABLE hub (
    house_id   INTEGER PRIMARY KEY REFERENCES house (id) ON DELETE CASCADE,
    hostname   TEXT NOT NULL,
    username   TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
