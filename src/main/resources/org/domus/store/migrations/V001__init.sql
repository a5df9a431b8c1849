-- Domus schema, version 1. Times are epoch microseconds (INTEGER) unless named otherwise.

CREATE TABLE house (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    zone TEXT NOT NULL
);

CREATE TABLE floor (
    id       INTEGER PRIMARY KEY,
    house_id INTEGER NOT NULL REFERENCES house (id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    level    INTEGER NOT NULL
);
CREATE INDEX floor_house ON floor (house_id);

CREATE TABLE room (
    id       INTEGER PRIMARY KEY,
    house_id INTEGER NOT NULL REFERENCES house (id) ON DELETE CASCADE,
    floor_id INTEGER REFERENCES floor (id) ON DELETE SET NULL,
    slug     TEXT NOT NULL,
    name     TEXT NOT NULL,
    UNIQUE (house_id, slug)
);

-- topic_room is the room named in the device's topic (its address); room_id is where it is placed,
-- NULL while it waits in the house's inbox.
CREATE TABLE device (
    id            INTEGER PRIMARY KEY,
    house_id      INTEGER NOT NULL REFERENCES house (id) ON DELETE CASCADE,
    topic_room    TEXT NOT NULL,
    slug          TEXT NOT NULL,
    room_id       INTEGER REFERENCES room (id) ON DELETE SET NULL,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    discovered_at INTEGER,
    UNIQUE (house_id, topic_room, slug)
);
CREATE INDEX device_room ON device (room_id);

-- attribute.id is the series id of its telemetry.
CREATE TABLE attribute (
    id        INTEGER PRIMARY KEY,
    device_id INTEGER NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    unit      TEXT NOT NULL DEFAULT '',
    writable  INTEGER NOT NULL DEFAULT 0,
    min       REAL,
    max       REAL,
    choices   TEXT,
    UNIQUE (device_id, name)
);

-- One row per reading. num: the number (numeric, and booleans as 1/0); txt: the device's text for
-- every kind but numeric. A redelivery carrying the device's own timestamp hits the key and is ignored.
CREATE TABLE telemetry (
    series INTEGER NOT NULL,
    ts     INTEGER NOT NULL,
    num    REAL,
    txt    TEXT,
    PRIMARY KEY (series, ts)
) WITHOUT ROWID;

-- bucket: epoch seconds of the bucket's start.
CREATE TABLE rollup_minute (
    series    INTEGER NOT NULL,
    bucket    INTEGER NOT NULL,
    min_value REAL NOT NULL,
    max_value REAL NOT NULL,
    sum_value REAL NOT NULL,
    count     INTEGER NOT NULL,
    last      REAL NOT NULL,
    last_ts   INTEGER NOT NULL,
    PRIMARY KEY (series, bucket)
) WITHOUT ROWID;

CREATE TABLE rollup_hour (
    series    INTEGER NOT NULL,
    bucket    INTEGER NOT NULL,
    min_value REAL NOT NULL,
    max_value REAL NOT NULL,
    sum_value REAL NOT NULL,
    count     INTEGER NOT NULL,
    last      REAL NOT NULL,
    last_ts   INTEGER NOT NULL,
    PRIMARY KEY (series, bucket)
) WITHOUT ROWID;

CREATE TABLE event (
    id       INTEGER PRIMARY KEY,
    ts       INTEGER NOT NULL,
    type     TEXT NOT NULL,
    house    TEXT,
    subject  TEXT NOT NULL DEFAULT '',
    trace_id TEXT,
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX event_trace ON event (trace_id);

CREATE TABLE mqtt_credential (
    username      TEXT PRIMARY KEY,
    house         TEXT,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL
);

-- The last QoS 1 delivery seen per (client, packet id): recognises a redelivered message.
CREATE TABLE ingest_receipt (
    client_id    TEXT NOT NULL,
    packet_id    INTEGER NOT NULL,
    content_hash INTEGER NOT NULL,
    PRIMARY KEY (client_id, packet_id)
) WITHOUT ROWID;

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
