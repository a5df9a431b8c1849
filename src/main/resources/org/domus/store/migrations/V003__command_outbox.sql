-- The command outbox: every command the console sent or saw, with its life. Times are epoch microseconds.
-- series is house/room/device/attribute; value is the canonical text; kind as in attribute.kind.
-- expires_at: while queued (device offline), when the command gives up; NULL when it was not queued.
-- deadline_at: while pending, when the current attempt times out.
CREATE TABLE command (
    id          INTEGER PRIMARY KEY,
    trace_id    TEXT NOT NULL UNIQUE,
    house       TEXT NOT NULL,
    series      TEXT NOT NULL,
    value       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    state       TEXT NOT NULL,
    source      TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    expires_at  INTEGER,
    deadline_at INTEGER,
    attempts    INTEGER NOT NULL DEFAULT 0,
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX command_open ON command (state) WHERE state IN ('requested', 'queued', 'pending');
CREATE INDEX command_series ON command (series, created_at);
