-- Rules, alerts, reminders and the notification outbox. Times are epoch microseconds.

-- definition: the rule's trigger, conditions and actions as JSON (read and written by the rules package).
CREATE TABLE rule (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    house      TEXT NOT NULL,
    enabled    INTEGER NOT NULL DEFAULT 1,
    definition TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

-- alert_key names what the alert is about (rule and subject): at most one active alert per key.
CREATE TABLE alert (
    id              INTEGER PRIMARY KEY,
    alert_key       TEXT NOT NULL,
    rule_id         INTEGER,
    house           TEXT NOT NULL,
    subject         TEXT NOT NULL DEFAULT '',
    severity        TEXT NOT NULL,
    state           TEXT NOT NULL,
    message         TEXT NOT NULL,
    trace_id        TEXT,
    raised_at       INTEGER NOT NULL,
    acknowledged_at INTEGER,
    cleared_at      INTEGER
);
CREATE UNIQUE INDEX alert_active ON alert (alert_key) WHERE state <> 'cleared';
CREATE INDEX alert_raised ON alert (raised_at);

-- every_period: ISO-8601 period (P90D, P6M) of a recurring reminder, NULL for a one-off.
-- notified_due: the due_at for which the reminder was last notified (so each due date is told once).
CREATE TABLE reminder (
    id            INTEGER PRIMARY KEY,
    house         TEXT NOT NULL,
    device        TEXT,
    title         TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    every_period  TEXT,
    due_at        INTEGER NOT NULL,
    snoozed_until INTEGER,
    done_at       INTEGER,
    notified_due  INTEGER
);
CREATE INDEX reminder_due ON reminder (due_at);

-- channels: comma-separated, of desktop, email, webhook.
CREATE TABLE recipient (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    email    TEXT NOT NULL DEFAULT '',
    webhook  TEXT NOT NULL DEFAULT '',
    channels TEXT NOT NULL DEFAULT '',
    enabled  INTEGER NOT NULL DEFAULT 1
);

-- The notification outbox: one row per message and channel (desktop rows have no recipient).
-- state: pending (not yet delivered; next_attempt_at says when to try), sent, failed (gave up).
CREATE TABLE notification (
    id              INTEGER PRIMARY KEY,
    created_at      INTEGER NOT NULL,
    event_type      TEXT NOT NULL,
    house           TEXT,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    trace_id        TEXT,
    channel         TEXT NOT NULL,
    recipient_id    INTEGER,
    address         TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    last_error      TEXT NOT NULL DEFAULT '',
    sent_at         INTEGER,
    read_at         INTEGER
);
CREATE INDEX notification_pending ON notification (next_attempt_at) WHERE state = 'pending';
CREATE INDEX notification_created ON notification (created_at);
